import { evaluationSpans, mergeSpans } from './backfill';

describe('the spans a rule is evaluated in', () => {
  it('covers every evaluation of the grid once, in spans of at most three days', () => {
    const first = 1_000_030;
    const end = first + 7 * 86400 + 45;
    const spans = evaluationSpans(first, end, 30);
    const times = spans.flatMap(([from, to]) => {
      const out: number[] = [];
      for (let t = from; t <= to; t += 30) {
        out.push(t);
      }
      return out;
    });
    const expected: number[] = [];
    for (let t = first; t <= end; t += 30) {
      expected.push(t);
    }
    expect(times).toEqual(expected);
    expect(spans.every(([from, to]) => (to - from) / 30 + 1 <= 2880)).toBe(true);
    expect(spans.every(([from]) => (from - first) % 30 === 0)).toBe(true);
  });

  it('gives an hourly rule spans of three days, and none for a range that holds no evaluation', () => {
    expect(evaluationSpans(0, 7 * 86400, 3600)).toEqual([
      [0, 3 * 86400 - 3600],
      [3 * 86400, 6 * 86400 - 3600],
      [6 * 86400, 7 * 86400],
    ]);
    expect(evaluationSpans(100, 99, 30)).toEqual([]);
  });

  it('merges the spans of each series in time order, whatever order they came back in', () => {
    const labels = { slo_uid: 'a' };
    const later = new Map([
      [
        'a',
        {
          labels,
          values: [
            [90, '3'],
            [120, '4'],
          ] as Array<[number, string]>,
        },
      ],
    ]);
    const earlier = new Map([
      [
        'a',
        {
          labels,
          values: [
            [30, '1'],
            [60, '2'],
          ] as Array<[number, string]>,
        },
      ],
      ['b', { labels: { slo_uid: 'b' }, values: [[30, '9']] as Array<[number, string]> }],
    ]);
    expect(mergeSpans([later, earlier])).toEqual([
      {
        labels,
        values: [
          [30, '1'],
          [60, '2'],
          [90, '3'],
          [120, '4'],
        ],
      },
      { labels: { slo_uid: 'b' }, values: [[30, '9']] },
    ]);
  });
});
