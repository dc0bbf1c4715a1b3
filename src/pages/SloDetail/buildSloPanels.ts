import { PanelBuilders, SceneFlexItem, SceneFlexLayout, SceneQueryRunner } from '@grafana/scenes';
import type { Objective, Slo } from '../../slo/types';
import { VARIABLES } from '../../constants';
import { getSloDetailQueries, type PanelQuery } from './sloDetailQueries';

const DATASOURCE = { uid: `\${${VARIABLES.datasource}}`, type: 'prometheus' };

function runner(queries: PanelQuery[], instant = false): SceneQueryRunner {
  return new SceneQueryRunner({
    datasource: DATASOURCE,
    queries: queries.map((q) => ({ ...q, datasource: DATASOURCE, ...(instant && { instant: true, range: false }) })),
    maxDataPoints: 300,
  });
}

function stat(title: string, query: PanelQuery, decimals = 3) {
  return new SceneFlexItem({
    height: 140,
    body: PanelBuilders.stat()
      .setTitle(title)
      .setData(runner([query], true))
      .setUnit('percentunit')
      .setDecimals(decimals)
      .build(),
  });
}

/** The panels of one objective of an SLO: stats, SLI vs objective, budget remaining, burn rates. */
export function buildSloPanels(slo: Slo, objective: Objective): SceneFlexLayout {
  const q = getSloDetailQueries(slo, objective);
  return new SceneFlexLayout({
    direction: 'column',
    children: [
      new SceneFlexLayout({
        direction: 'row',
        children: [
          stat('SLI over the window', q.sli),
          stat('Objective', q.objective),
          stat('Error budget remaining', q.budgetRemaining, 1),
        ],
      }),
      new SceneFlexItem({
        minHeight: 300,
        body: PanelBuilders.timeseries()
          .setTitle('SLI over the window vs objective')
          .setData(runner([q.sli, q.objective]))
          .setUnit('percentunit')
          .setDecimals(3)
          .build(),
      }),
      new SceneFlexLayout({
        direction: 'row',
        minHeight: 300,
        children: [
          new SceneFlexItem({
            body: PanelBuilders.timeseries()
              .setTitle('Error budget remaining')
              .setData(runner([q.budgetRemaining]))
              .setUnit('percentunit')
              .build(),
          }),
          new SceneFlexItem({
            body: PanelBuilders.timeseries()
              .setTitle('Burn rates')
              .setDescription('1 spends the whole budget in exactly one SLO window')
              .setData(runner(q.burnRates))
              .setUnit('x')
              .build(),
          }),
        ],
      }),
    ],
  });
}
