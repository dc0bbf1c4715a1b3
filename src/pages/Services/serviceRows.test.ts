import type { Catalogue } from '../../slo/catalogue';
import { buildServiceRows, issuesOfEntry, uncataloguedServices } from './serviceRows';

const catalogue: Catalogue = {
  services: [
    { name: 'checkout', type: 'api' },
    { name: 'orders-pipeline', type: 'batch' },
    { name: 'web', type: 'web' },
  ],
  journeys: [],
};

describe('buildServiceRows', () => {
  it('counts SLOs by service and takes the worst status; no data stays no data', () => {
    const rows = buildServiceRows(catalogue, [
      { service: 'Checkout', status: 'healthy' },
      { service: 'checkout', status: 'warning' },
      { service: 'orders-pipeline' },
      { service: 'search', status: 'critical' },
    ]);
    expect(rows.map((r) => [r.service.name, r.sloCount, r.status])).toEqual([
      ['checkout', 2, 'warning'],
      ['orders-pipeline', 1, 'no-data'],
      ['web', 0, undefined],
    ]);
  });
});

describe('uncataloguedServices', () => {
  it('lists the services of SLOs that the catalogue lacks', () => {
    expect(
      uncataloguedServices(catalogue, [{ service: 'search' }, { service: 'checkout' }, { service: 'api' }])
    ).toEqual(['api', 'search']);
  });
});

describe('issuesOfEntry', () => {
  it('keys the issues of one entry by their own field path', () => {
    const issues = issuesOfEntry(
      [
        { path: 'journeys[1].steps[0].sloUid', message: 'unknown SLO "x"', severity: 'error' },
        { path: 'journeys[10].name', message: 'other', severity: 'error' },
        { path: 'journeys[1].name', message: 'Journey name is required', severity: 'error' },
      ],
      'journeys[1]'
    );
    expect([...issues.keys()]).toEqual(['steps[0].sloUid', 'name']);
  });
});
