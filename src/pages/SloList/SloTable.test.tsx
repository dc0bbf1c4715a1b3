import React from 'react';
import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { makeSlo } from '../../testing/fixtures';
import { sloToDashboard, sloToYaml } from '../../storage/sloDashboard';
import type { SloEntry } from '../../api/sloStore';
import { testIds } from '../../components/testIds';
import { SloTable } from './SloTable';

const base = { version: 1, canSave: true, canEdit: true, canDelete: true, provisioned: false, dashboard: {} };

describe('SloTable', () => {
  it('renders stored SLOs and a broken entry with its error', () => {
    const slo = makeSlo();
    const entries: SloEntry[] = [
      {
        ...base,
        kind: 'ok',
        slo,
        yaml: sloToYaml(slo),
        dashboardUid: 'slo-checkout-availability',
        dashboard: sloToDashboard(slo),
      },
      {
        ...base,
        kind: 'broken',
        dashboardUid: 'slo-bad',
        title: 'SLO: bad',
        error: {
          message: 'the stored SLO is not valid',
          issues: [{ path: 'spec.service', message: 'must name the service', severity: 'error' }],
        },
      },
    ];
    render(
      <MemoryRouter>
        <SloTable entries={entries} onDelete={jest.fn()} />
      </MemoryRouter>
    );
    const row = screen.getByTestId(testIds.sloList.row);
    expect(row).toHaveTextContent('Checkout availability');
    expect(row).toHaveTextContent('checkout');
    expect(row).toHaveTextContent('99.9%');
    expect(row).toHaveTextContent('30d');
    expect(row).toHaveTextContent('Critical');
    expect(row).toHaveTextContent('team-payments');
    expect(screen.getByTestId(testIds.sloList.duplicate)).toHaveAttribute(
      'href',
      '/a/burnrate-slo-app/new?duplicate=checkout-availability'
    );
    expect(screen.getByTestId(testIds.sloList.brokenError)).toHaveTextContent(
      'Cannot read this SLO: the stored SLO is not valid'
    );
    expect(screen.getByTestId(testIds.sloList.brokenRow)).toHaveTextContent('spec.service: must name the service');
  });

  it('names the datasource of each SLO when they live on several, the default for those that name none', () => {
    const entry = (slo: ReturnType<typeof makeSlo>): SloEntry => ({
      ...base,
      kind: 'ok',
      slo,
      yaml: sloToYaml(slo),
      dashboardUid: `slo-${slo.uid}`,
      dashboard: sloToDashboard(slo),
    });
    const entries = [entry(makeSlo({ uid: 'eu', datasourceUid: 'prom-eu' })), entry(makeSlo({ uid: 'main' }))];
    const { unmount } = render(
      <MemoryRouter>
        <SloTable entries={entries} onDelete={jest.fn()} datasources={{ defaultUid: 'prom' }} />
      </MemoryRouter>
    );
    expect(screen.getByRole('columnheader', { name: 'Datasource' })).toBeInTheDocument();
    expect(screen.getAllByTestId(testIds.sloList.datasource).map((c) => c.getAttribute('data-datasource'))).toEqual([
      'prom-eu',
      'prom',
    ]);
    unmount();
    render(
      <MemoryRouter>
        <SloTable entries={entries} onDelete={jest.fn()} />
      </MemoryRouter>
    );
    expect(screen.queryByRole('columnheader', { name: 'Datasource' })).not.toBeInTheDocument();
    expect(screen.queryAllByTestId(testIds.sloList.datasource)).toEqual([]);
  });

  it('offers no edit or delete without permission', () => {
    const slo = makeSlo();
    render(
      <MemoryRouter>
        <SloTable
          entries={[{ ...base, canSave: false, canDelete: false, kind: 'ok', slo, yaml: '', dashboardUid: 'x' }]}
          onDelete={jest.fn()}
        />
      </MemoryRouter>
    );
    expect(screen.queryByTestId(testIds.sloList.edit)).not.toBeInTheDocument();
    expect(screen.queryByTestId(testIds.sloList.delete)).not.toBeInTheDocument();
  });
});
