import React from 'react';
import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { combineReadings } from '../../slo/combined';
import { testIds } from '../../components/testIds';
import { CombinedSection } from './CombinedSection';
import { fakeCanvasText } from '../../testing/canvas';

const member = (sloUid: string, events?: number, unread?: string) => ({
  key: `${sloUid}\u000030d`,
  sloUid,
  name: sloUid,
  window: '30d',
  target: '0.999',
  events,
  badEvents: events === undefined ? undefined : 1,
  kind: 'requests' as const,
  ...(unread !== undefined && { unread }),
});

describe('CombinedSection', () => {
  beforeEach(fakeCanvasText);
  afterEach(() => jest.restoreAllMocks());

  it('says how many SLOs of a group were not read, and why a group of only those has no figures', () => {
    const why = 'datasource Prometheus EU could not answer (connection refused)';
    render(
      <MemoryRouter>
        <CombinedSection
          by="service"
          onChange={jest.fn()}
          groups={[
            {
              name: 'checkout',
              sloUids: ['main', 'eu'],
              combined: combineReadings([member('main', 1000), member('eu', undefined, why)]),
            },
            { name: 'orders', sloUids: ['eu-only'], combined: combineReadings([member('eu-only', undefined, why)]) },
          ]}
        />
      </MemoryRouter>
    );
    const rows = screen.getAllByTestId(testIds.overview.combinedRow).map((cell) => cell.closest('tr')!);
    expect(rows[0]).toHaveTextContent('2 (1 not read)');
    expect(rows[0]).toHaveTextContent('99.900%');
    expect(rows[1]).toHaveTextContent('no data (not read: the datasource did not answer)');
  });
});
