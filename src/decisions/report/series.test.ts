import type { RangeQueryWindow } from './ranges';
import { alertEpisodes, alertsFor, badPeriods, countEpisodes, type LabelledSeries } from './series';

describe('bad periods', () => {
  // Ten 5 minute steps, the first covering (0, 300].
  const window: RangeQueryWindow = { start: 300, end: 3000, stepSeconds: 300 };

  it('is the longest run of consecutive steps burning faster than 1x', () => {
    const points: Array<[number, number]> = [
      [300, 0.002],
      [600, 0.0005],
      [900, 0.003],
      [1200, 0.004],
      [1500, 0.002],
      // 1800: no traffic, ends the run
      [2100, 0.002],
      [2400, 0.001], // exactly the budget: burn rate 1, not bad
      [2700, 0.01],
      [3000, 0.01],
    ];
    expect(badPeriods(points, 0.001, window)).toEqual({
      count: 4,
      totalSeconds: 300 + 900 + 300 + 600,
      longest: {
        start: new Date(600_000),
        end: new Date(1_500_000),
        seconds: 900,
        fromRangeStart: false,
        toRangeEnd: false,
      },
    });
  });

  it('says when the longest run reaches the start or the end of the range (it may be longer)', () => {
    const points: Array<[number, number]> = [
      [300, 0.002],
      [600, 0.002],
      [900, 0],
      [2700, 0.002],
      [3000, 0.002],
    ];
    // Two runs of 10 minutes: the earliest wins.
    expect(badPeriods(points, 0.001, window).longest).toEqual({
      start: new Date(0),
      end: new Date(600_000),
      seconds: 600,
      fromRangeStart: true,
      toRangeEnd: false,
    });
    expect(badPeriods(points.slice(2), 0.001, window).longest).toMatchObject({ seconds: 600, toRangeEnd: true });
  });

  it('has none when no step burns faster than 1x, in any order of points', () => {
    expect(
      badPeriods(
        [
          [600, 0.0001],
          [300, NaN],
        ],
        0.001,
        window
      )
    ).toEqual({ count: 0, totalSeconds: 0, longest: undefined });
    expect(
      badPeriods(
        [
          [900, 0.01],
          [600, 0.01],
        ],
        0.001,
        window
      ).longest?.seconds
    ).toBe(600);
  });
});

describe('alerts fired', () => {
  it('counts each run of consecutive steps as one firing', () => {
    expect(countEpisodes([], 300)).toBe(0);
    expect(
      countEpisodes(
        [
          [300, 1],
          [600, 1],
          [1500, 1],
          [1800, 1],
          [2100, 1],
          [3000, 1],
        ],
        300
      )
    ).toBe(3);
  });

  it('adds the firings by severity: the objective window and the alerts of the whole SLO', () => {
    const alert = (labels: Record<string, string>, times: number[]): LabelledSeries => ({
      labels: { alertname: 'SLOErrorBudgetBurn', alertstate: 'firing', slo_uid: 'checkout', ...labels },
      points: times.map((t): [number, number] => [t, 1]),
    });
    const series = [
      // The fast page fired twice, the slow page once.
      alert({ severity: 'page', slo_window: '30d', long_window: '1h' }, [300, 600, 1800]),
      alert({ severity: 'page', slo_window: '30d', long_window: '6h' }, [600, 900]),
      alert({ severity: 'ticket', slo_window: '30d', long_window: '1d' }, [900]),
      alert({ severity: 'ticket', slo_window: 'month', long_window: '1d' }, [900]),
      alert({ alertname: 'SLONoData', severity: 'ticket' }, [2400, 2700]),
      alert({ slo_uid: 'search', severity: 'page', slo_window: '30d' }, [300]),
    ];
    const episodes = alertEpisodes(series, 300);
    expect(alertsFor(episodes, 'checkout', '30d')).toEqual({ page: 3, ticket: 2 });
    expect(alertsFor(episodes, 'checkout', 'month')).toEqual({ page: 0, ticket: 2 });
    expect(alertsFor(episodes, 'web', '30d')).toEqual({ page: 0, ticket: 0 });
  });
});
