import { findPromqlSyntaxError, parseVectorSelector } from './parse';
import { formatSelector } from './format';
import { counterReadExpr, refines, seriesSelector } from './replayCounters';

const TOTAL = parseVectorSelector('req_total{job="web"}');
const BAD = parseVectorSelector('req_total{job="web",code=~"5.."}');

describe('counter reads of the replay', () => {
  it('reads the resets of the base selector once, from a lookback before the spans, and each selector at each span end', () => {
    const expr = counterReadExpr([TOTAL, BAD], [1000, 4600.5], 1000, 4600.5);
    expect(expr).toBe(
      'label_replace(resets(req_total{job="web"}[1h5m500ms] @ 4600.5), "slo_replay_read", "resets", "", "")' +
        ' or label_replace(req_total{job="web"} @ 1000, "slo_replay_read", "0@0", "", "")' +
        ' or label_replace(req_total{job="web"} @ 4600.5, "slo_replay_read", "0@1", "", "")' +
        ' or label_replace(req_total{job="web",code=~"5.."} @ 1000, "slo_replay_read", "1@0", "", "")' +
        ' or label_replace(req_total{job="web",code=~"5.."} @ 4600.5, "slo_replay_read", "1@1", "", "")'
    );
    expect(findPromqlSyntaxError(expr)).toBeUndefined();
  });

  it('keeps the offset of a selector in both kinds of read', () => {
    expect(counterReadExpr([parseVectorSelector('req_total offset 1m')], [0, 600], 0, 600)).toBe(
      'label_replace(resets(req_total[15m] offset 1m @ 600), "slo_replay_read", "resets", "", "")' +
        ' or label_replace(req_total offset 1m @ 0, "slo_replay_read", "0@0", "", "")' +
        ' or label_replace(req_total offset 1m @ 600, "slo_replay_read", "0@1", "", "")'
    );
  });

  it('reads a selector with one that it refines: same metric and offset, every matcher of the base among its own', () => {
    expect(refines(BAD, TOTAL)).toBe(true);
    expect(refines(TOTAL, BAD)).toBe(false);
    expect(refines(parseVectorSelector('req_total{job="api"}'), TOTAL)).toBe(false);
    expect(refines(parseVectorSelector('other_total{job="web"}'), TOTAL)).toBe(false);
    expect(refines(parseVectorSelector('req_total{job="web"} offset 1m'), TOTAL)).toBe(false);
  });

  it('selects exactly one series: its labels equal, the other label names of the read empty', () => {
    const one = seriesSelector(BAD, { __name__: 'req_total', job: 'web', code: '500', instance: 'a"b' }, [
      'code',
      'instance',
      'job',
      'pod',
    ]);
    // job="web" is matched already; pod="" keeps out a series that also has a pod label.
    expect(formatSelector(one)).toBe('req_total{job="web",code=~"5..",code="500",instance="a\\"b",pod=""}');
    expect(findPromqlSyntaxError(formatSelector(one))).toBeUndefined();
  });
});
