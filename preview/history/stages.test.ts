import { backfillStages, readsRecording } from './stages';

const group = (
  name: string,
  rules: Array<{ record?: string; alert?: string; expr: string; labels?: Record<string, string> }>
) => ({
  name,
  interval: '30s',
  rules,
});

describe('backfill stages', () => {
  it('reads a recording only through its whole name and matching labels', () => {
    const tile = { record: 'slo:events:tile', expr: 'x', labels: { slo_uid: 'a' } };
    expect(readsRecording('sum_over_time(slo:events:tile{slo_uid="a"}[30d])', tile)).toBe(true);
    expect(readsRecording('sum_over_time(slo:events:tile{slo_uid="b"}[30d])', tile)).toBe(false);
    expect(readsRecording('slo:events:tile_total', tile)).toBe(false);
    expect(readsRecording('rate(slo:events:tile[5m])', tile)).toBe(true);
  });

  it('puts each rule one stage after what it reads, keeps group names, and leaves alerts out', () => {
    const stages = backfillStages([
      group('base-a', [
        { record: 'slo:events:rate5m', expr: 'sum(rate(req_total[5m]))', labels: { slo_uid: 'a' } },
        { record: 'slo:budget', expr: 'last_over_time(slo:events:window{slo_uid="a"}[1h])', labels: { slo_uid: 'a' } },
        { alert: 'Burn', expr: 'slo:events:rate5m{slo_uid="a"} > 1' },
      ]),
      group('rollup-a', [
        { record: 'slo:events:tile', expr: 'increase(req_total[1h])', labels: { slo_uid: 'a' } },
        {
          record: 'slo:events:window',
          expr: 'sum_over_time(slo:events:tile{slo_uid="a"}[30d])',
          labels: { slo_uid: 'a' },
        },
      ]),
      group('rollup-b', [
        {
          record: 'slo:events:tile',
          expr: 'sum_over_time(slo:events:rate5m{slo_uid="b"}[1h])',
          labels: { slo_uid: 'b' },
        },
      ]),
      group('base-b', [{ record: 'slo:events:rate5m', expr: 'sum(rate(other_total[5m]))', labels: { slo_uid: 'b' } }]),
    ]);
    expect(stages.map((s) => s.map((g) => `${g.name}: ${g.rules.map((r) => r.record).join(',')}`))).toEqual([
      ['base-a: slo:events:rate5m', 'rollup-a: slo:events:tile', 'base-b: slo:events:rate5m'],
      ['rollup-a: slo:events:window', 'rollup-b: slo:events:tile'],
      ['base-a: slo:budget'],
    ]);
    expect(stages[0][0].interval).toBe('30s');
  });

  it('refuses rules that read each other in a cycle', () => {
    expect(() =>
      backfillStages([
        group('g', [
          { record: 'a:x', expr: 'b:y' },
          { record: 'b:y', expr: 'a:x' },
        ]),
      ])
    ).toThrow(/cycle/);
  });
});
