import React from 'react';
import { render, screen, waitFor } from '@testing-library/react';
import { DEFAULT_SETTINGS } from '../../settings';
import { SLO_LABELS } from '../../promql/slo';
import { makeSlo } from '../../testing/fixtures';
import type { Slo } from '../../slo/types';
import { listSlos, type SloEntry } from '../../api/sloStore';
import { queryInstant, queryRange } from '../../api/query';
import { monthRange, rangeUntil, readReportReplay } from '../../decisions/report';
import { formatReport } from '../../decisions/reportFormat';
import { objectivesQuery, rangeEventQueries } from '../../promql/report';
import { testIds } from '../../components/testIds';
import { monthChoices, ReportBody, ReportView } from './ReportView';

jest.mock('../../api/query', () => ({ queryInstant: jest.fn(), queryRange: jest.fn() }));
jest.mock('../../api/sloStore', () => ({ listSlos: jest.fn() }));
jest.mock('../../api/catalogueStore', () => ({ loadCatalogue: () => Promise.reject(new Error('no catalogue')) }));
jest.mock('../../api/datasources', () => ({ findDatasource: () => undefined }));
// The replay reads raw data of SLOs their rules did not record; here every SLO's rules recorded the month.
jest.mock('../../decisions/report/replay', () => ({
  ...jest.requireActual('../../decisions/report/replay'),
  readReportReplay: jest.fn(async () => ({ figures: new Map(), errorRatios: [], objectives: [] })),
}));

const settings = { ...DEFAULT_SETTINGS, datasourceUid: 'prom' };
/** A whole month before this one, so the report is not cut at now. */
const month = monthChoices(new Date())[2];
const range = rangeUntil(monthRange(month), new Date());

const main = makeSlo({ uid: 'main-slo', name: 'main-slo' });
const eu = makeSlo({ uid: 'eu-slo', name: 'eu-slo', datasourceUid: 'prom-eu' });
const us = makeSlo({ uid: 'us-slo', name: 'us-slo', datasourceUid: 'prom-us' });

function stored(slos: Slo[]): SloEntry[] {
  return slos.map((slo) => ({ kind: 'ok', slo, yaml: '' }) as SloEntry);
}

const objective = (uid: string) => ({
  labels: {
    [SLO_LABELS.uid]: uid,
    [SLO_LABELS.name]: uid,
    [SLO_LABELS.service]: 'checkout',
    [SLO_LABELS.window]: '30d',
  },
  value: 0.99,
});
const sample = (uid: string, value: number) => ({ labels: { [SLO_LABELS.uid]: uid }, value });

/**
 * Each datasource answers for the SLOs whose series it holds, by events: the default one also still holds old
 * series of eu-slo (before it moved), which the report must not take. prom-us cannot answer.
 */
const SERIES: Record<string, Array<[string, number]>> = {
  prom: [
    ['main-slo', 1000],
    ['eu-slo', 5000],
  ],
  'prom-eu': [['eu-slo', 2000]],
};

/** The datasource and expression of every query, in the order asked. */
let asked: Array<[string, string]> = [];

beforeEach(() => {
  asked = [];
  jest.mocked(readReportReplay).mockClear();
  const events = rangeEventQueries(range, []);
  jest.mocked(queryInstant).mockImplementation(async (uid, queries) => {
    asked.push(...queries.map((q): [string, string] => [uid, q.expr]));
    if (uid === 'prom-us') {
      throw new Error('connection refused');
    }
    const series = SERIES[uid] ?? [];
    return Object.fromEntries(
      queries.map((q) => [
        q.refId,
        q.expr === objectivesQuery(range, [])
          ? series.map(([sloUid]) => objective(sloUid))
          : q.expr === events.rateEvents
            ? series.map(([sloUid, total]) => sample(sloUid, total))
            : q.expr === events.rateBadEvents
              ? series.map(([sloUid]) => sample(sloUid, 1))
              : [],
      ])
    );
  });
  jest.mocked(queryRange).mockImplementation(async (uid, queries) => {
    asked.push(...queries.map((q): [string, string] => [uid, q.expr]));
    return Object.fromEntries(queries.map((q) => [q.refId, []]));
  });
});

async function loaded(view: ReportView) {
  view.activate();
  await waitFor(() => expect(view.report.state.loading).toBe(false));
  return view.report.state;
}

describe('ReportView data', () => {
  it('reads each SLO on its own datasource, and a failing one leaves only its SLOs without figures', async () => {
    jest.mocked(listSlos).mockResolvedValue(stored([main, eu, us]));
    const { data, error } = await loaded(new ReportView({ settings, month, services: [], teamSize: 4 }));

    expect(error).toBeUndefined();
    // The report's queries once on each datasource, the same ones.
    const objectivesAsked = asked.filter(([, expr]) => expr === objectivesQuery(range, [])).map(([uid]) => uid);
    expect(objectivesAsked.sort()).toEqual(['prom', 'prom-eu', 'prom-us']);
    const perDatasource = (uid: string) => asked.filter(([asked]) => asked === uid).map(([, expr]) => expr);
    expect(perDatasource('prom-eu').sort()).toEqual(perDatasource('prom').sort());
    // The replay of each datasource's SLOs goes to that datasource's reads only.
    const replayed = jest.mocked(readReportReplay).mock.calls.map(([slos]) => slos.map((s) => s.uid));
    expect(replayed.sort()).toEqual([['eu-slo'], ['main-slo'], ['us-slo']]);

    expect(data!.report.serviceReports.map((s) => s.service)).toEqual(['checkout']);
    const objectives = data!.report.serviceReports.flatMap((s) => s.objectives);
    expect(objectives.map((o) => [o.sloUid, o.events?.total])).toEqual([
      ['eu-slo', 2000],
      ['main-slo', 1000],
      ['us-slo', undefined],
    ]);
    expect(objectives[2].recommendation.text).toBe(
      'Not read: datasource prom-us could not answer (connection refused).'
    );
    expect(data!.failures).toEqual([{ datasourceUid: 'prom-us', message: 'connection refused', sloUids: ['us-slo'] }]);
    expect(data!.report.unreadDatasources).toEqual(['prom-us: connection refused (1 SLO without figures)']);
    // The service's combined row leaves the unread SLO out and says why, not that it had no events.
    const combined = data!.report.serviceReports[0].combined!;
    expect(combined.members.map((m) => m.sloUid)).toEqual(['eu-slo', 'main-slo']);
    expect(combined.noData).toEqual([]);
    expect(combined.apart.map((a) => [a.member.sloUid, a.reason])).toEqual([
      ['us-slo', 'not read: datasource prom-us could not answer (connection refused)'],
    ]);
    // The page says which datasource, and for how many SLOs.
    render(React.createElement(ReportBody, { report: data!.report }));
    expect(screen.getByTestId(testIds.report.body)).toHaveTextContent(
      'Datasources that could not answer: prom-us: connection refused (1 SLO without figures).'
    );
    // The exports say it too: the SLO's row, and the note.
    const csv = formatReport(data!.report, 'csv');
    expect(csv).toContain('Not read: datasource prom-us could not answer');
    // Its alerts and bad periods were not read either: empty, not zero.
    const [header, ...lines] = csv.split('\r\n').map((l) => l.split(','));
    const column = (line: string[], name: string) => line[header.indexOf(name)];
    const usRow = lines.find((l) => column(l, 'slo_uid') === 'us-slo')!;
    const mainRow = lines.find((l) => column(l, 'slo_uid') === 'main-slo')!;
    expect(['alerts_page', 'alerts_ticket', 'bad_periods'].map((name) => column(usRow, name))).toEqual(['', '', '']);
    expect(column(mainRow, 'alerts_page')).toBe('0');
    expect(formatReport(data!.report, 'markdown')).toContain(
      'Datasources that could not answer: prom-us: connection refused (1 SLO without figures).'
    );
  });

  it('is not read when no datasource answers', async () => {
    jest.mocked(listSlos).mockResolvedValue(stored([us]));
    const { data, error } = await loaded(
      new ReportView({ settings: { ...settings, datasourceUid: 'prom-us' }, month, services: [], teamSize: 4 })
    );
    expect(data).toBeUndefined();
    expect(error).toContain('prom-us: connection refused');
  });

  it('without a default datasource, reads the SLOs that name theirs and counts those that name none', async () => {
    jest.mocked(listSlos).mockResolvedValue(stored([main, eu]));
    const { data } = await loaded(
      new ReportView({ settings: { ...settings, datasourceUid: '' }, month, services: [], teamSize: 4 })
    );
    expect([...new Set(asked.map(([uid]) => uid))]).toEqual(['prom-eu']);
    expect(data!.unset).toBe(1);
    expect(data!.report.serviceReports.flatMap((s) => s.objectives.map((o) => [o.sloUid, o.events?.total]))).toEqual([
      ['eu-slo', 2000],
      ['main-slo', undefined],
    ]);
  });
});
