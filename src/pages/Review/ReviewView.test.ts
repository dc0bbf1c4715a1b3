import { waitFor } from '@testing-library/react';
import { DEFAULT_SETTINGS } from '../../settings';
import { SLO_LABELS } from '../../promql/slo';
import { makeSlo } from '../../testing/fixtures';
import type { Slo } from '../../slo/types';
import { listSlos, type SloEntry } from '../../api/sloStore';
import { coalescedInstant, queryInstant, queryRange } from '../../api/query';
import { rangeUntil } from '../../decisions/report';
import { readReplay } from '../../decisions/replay';
import { reviewMarkdown, weekChoices, weekRange } from '../../decisions/weeklyReview';
import { objectivesQuery, rangeEventQueries } from '../../promql/report';
import { recordedADayAgoQuery, serviceQueries } from '../../promql/readings';
import { NO_NOTES, ReviewView } from './ReviewView';

jest.mock('../../api/query', () => ({ queryInstant: jest.fn(), queryRange: jest.fn(), coalescedInstant: jest.fn() }));
jest.mock('../../api/sloStore', () => ({ listSlos: jest.fn() }));
jest.mock('../../api/datasources', () => ({ findDatasource: () => undefined }));
// Every SLO's rules recorded the weeks and the windows: nothing to replay from raw data.
jest.mock('../../decisions/report/replay', () => ({
  ...jest.requireActual('../../decisions/report/replay'),
  readReportReplay: jest.fn(async () => ({ figures: new Map(), errorRatios: [], objectives: [] })),
}));
jest.mock('../../decisions/replay', () => ({
  ...jest.requireActual('../../decisions/replay'),
  readReplay: jest.fn(async () => ({ at: 0, plans: [], figures: new Map() })),
}));

const settings = { ...DEFAULT_SETTINGS, datasourceUid: 'prom' };
/** A whole week before this one, so the week is not cut at now. */
const week = weekChoices(new Date())[2];
const range = rangeUntil(weekRange(week), new Date());

const main = makeSlo({ uid: 'main-slo', name: 'main-slo' });
const eu = makeSlo({ uid: 'eu-slo', name: 'eu-slo', datasourceUid: 'prom-eu' });
const us = makeSlo({ uid: 'us-slo', name: 'us-slo', datasourceUid: 'prom-us' });

/**
 * The events of the week and the budget left of each SLO on each datasource: the default one also still holds old
 * series of eu-slo (before it moved), which the review must not take. prom-us cannot answer.
 */
const SERIES: Record<string, Array<{ uid: string; events: number; budget: number }>> = {
  prom: [
    { uid: 'main-slo', events: 1000, budget: 0.9 },
    { uid: 'eu-slo', events: 5000, budget: -0.5 },
  ],
  'prom-eu': [{ uid: 'eu-slo', events: 2000, budget: 0.8 }],
};

/** The datasource and expression of every query, in the order asked. */
let asked: Array<[string, string]> = [];

function answer(datasourceUid: string, expr: string) {
  asked.push([datasourceUid, expr]);
  if (datasourceUid === 'prom-us') {
    throw new Error('connection refused');
  }
  const series = SERIES[datasourceUid] ?? [];
  const events = rangeEventQueries(range, []);
  const gate = serviceQueries('checkout');
  const labels = (uid: string) => ({
    [SLO_LABELS.uid]: uid,
    [SLO_LABELS.name]: uid,
    [SLO_LABELS.service]: 'checkout',
    [SLO_LABELS.window]: '30d',
  });
  const each = (value: (s: (typeof series)[number]) => number) =>
    series.map((s) => ({ labels: labels(s.uid), value: value(s) }));
  switch (expr) {
    case objectivesQuery(range, []):
    case gate.objectives:
      return each(() => 0.99);
    case events.rateEvents:
      return each((s) => s.events);
    case events.rateBadEvents:
      return each(() => 1);
    case gate.budgets:
      return each((s) => s.budget);
    case recordedADayAgoQuery('checkout'):
      return each(() => 1);
    default:
      return [];
  }
}

beforeEach(() => {
  asked = [];
  jest
    .mocked(queryInstant)
    .mockImplementation(async (uid, queries) => Object.fromEntries(queries.map((q) => [q.refId, answer(uid, q.expr)])));
  jest.mocked(queryRange).mockImplementation(async (uid, queries) => {
    asked.push(...queries.map((q): [string, string] => [uid, q.expr]));
    return Object.fromEntries(queries.map((q) => [q.refId, []]));
  });
  jest.mocked(coalescedInstant).mockImplementation((uid) => async (expr) => answer(uid, expr));
});

async function loaded(slos: Slo[]) {
  jest.mocked(listSlos).mockResolvedValue(slos.map((slo) => ({ kind: 'ok', slo, yaml: '' }) as SloEntry));
  const review = new ReviewView({ settings, week, teamSize: 4, notes: NO_NOTES });
  review.activate();
  await waitFor(() => expect(review.figures.state.loading).toBe(false));
  return review.figures.state;
}

describe('ReviewView data', () => {
  it('reads each SLO on its own datasource, and a failing one leaves only its SLOs without figures', async () => {
    const { data, error } = await loaded([main, eu, us]);
    expect(error).toBeUndefined();
    // The report's queries and the decision's once on each datasource.
    const datasourcesOf = (expr: string) => asked.filter(([, e]) => e === expr).map(([uid]) => uid);
    expect(datasourcesOf(objectivesQuery(range, [])).sort()).toEqual(['prom', 'prom-eu', 'prom-us']);
    expect(datasourcesOf(serviceQueries('checkout').budgets).sort()).toEqual(['prom', 'prom-eu', 'prom-us']);
    // The replay of each datasource's SLOs on that datasource (prom-us failed before it).
    expect(
      jest
        .mocked(readReplay)
        .mock.calls.map(([slos]) => slos.map((s) => s.uid))
        .sort()
    ).toEqual([['eu-slo'], ['main-slo']]);

    expect(data!.report.serviceReports.map((s) => s.service)).toEqual(['checkout']);
    const objectives = data!.report.serviceReports.flatMap((s) => s.objectives);
    expect(objectives.map((o) => [o.sloUid, o.events?.total])).toEqual([
      ['eu-slo', 2000],
      ['main-slo', 1000],
      ['us-slo', undefined],
    ]);
    expect(data!.failures.map((f) => [f.datasourceUid, f.sloUids])).toEqual([['prom-us', ['us-slo']]]);
    const [decision] = data!.decisions;
    expect(decision.objectives.map((o) => [o.sloUid, o.remaining, o.decision])).toEqual([
      ['eu-slo', 0.8, 'approve'],
      ['main-slo', 0.9, 'approve'],
      ['us-slo', undefined, 'review'],
    ]);
    expect(decision.decision).toBe('review');
    expect(decision.reason).toContain('datasource prom-us could not answer');
    // The Markdown of the review says which datasource could not answer.
    expect(reviewMarkdown(data!.report, data!.decisions, NO_NOTES)).toContain(
      'Datasources that could not answer: prom-us: connection refused (1 SLO without figures).'
    );
  });
});
