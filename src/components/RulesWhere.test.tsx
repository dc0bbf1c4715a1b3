import React from 'react';
import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import type { RulesWhereReport } from '../api/rulesWhere';
import type { DriftReport } from '../api/ruler';
import { RulesWhere } from './RulesWhere';
import { testIds } from './testIds';

const report = (facts: RulesWhereReport['facts']): RulesWhereReport => ({ facts, notes: [], namespace: 'burnrate' });
const notDeployed = { status: 'not-deployed' as const, detail: 'none' };

function marker(drift: DriftReport | undefined, where: RulesWhereReport) {
  const { unmount } = render(
    <MemoryRouter>
      <RulesWhere drift={drift} where={where} sloUid="checkout" />
    </MemoryRouter>
  );
  const found = {
    where: screen.getByTestId(testIds.rulesWhere.marker).getAttribute('data-where'),
    text: screen.getByTestId(testIds.rulesWhere.marker).textContent,
    next: screen.queryByTestId(testIds.rulesWhere.deploy)?.getAttribute('href') ?? null,
  };
  unmount();
  return found;
}

describe('RulesWhere', () => {
  it('names where the rules run and links to deploying them when they are not current', () => {
    const ruler: DriftReport = { kind: 'ok', drift: new Map([['checkout', { status: 'up-to-date', detail: 'ok' }]]) };
    expect(marker(ruler, report(new Map([['checkout', { recorded: 'current' }]])))).toEqual({
      where: 'ruler',
      text: 'Ruler: burnrate',
      next: null,
    });
    const noRuler: DriftReport = { kind: 'unavailable', reason: 'no ruler' };
    expect(
      marker(
        noRuler,
        report(new Map([['checkout', { grafana: { status: 'outdated', detail: 'old' }, recorded: 'current' }]]))
      )
    ).toEqual({ where: 'grafana', text: 'Grafana-managed', next: '/a/burnrate-slo-app/export?slo=checkout' });
    expect(marker(noRuler, report(new Map([['checkout', { grafana: notDeployed, recorded: 'current' }]])))).toEqual({
      where: 'file',
      text: 'Rule file',
      next: null,
    });
    expect(marker(noRuler, report(new Map([['checkout', { grafana: notDeployed, recorded: 'none' }]])))).toEqual({
      where: 'nowhere',
      text: 'Not running',
      next: '/a/burnrate-slo-app/export?slo=checkout',
    });
  });
});
