import { parseVectorSelector } from './parse';
import { formatSelector, offsetSeconds, withOffset } from './format';

describe('withOffset', () => {
  it('adds an offset to a selector without one', () => {
    expect(formatSelector(withOffset(parseVectorSelector('m{a="1"}'), 600))).toBe('m{a="1"} offset 10m');
  });

  it("adds to the selector's own offset", () => {
    expect(formatSelector(withOffset(parseVectorSelector('m offset 1m'), 2592000))).toBe('m offset 30d1m');
    expect(formatSelector(withOffset(parseVectorSelector('m offset -5m'), 600))).toBe('m offset 5m');
    expect(formatSelector(withOffset(parseVectorSelector('m offset -10m'), 600))).toBe('m');
    expect(formatSelector(withOffset(parseVectorSelector('m offset -15m'), 600))).toBe('m offset -5m');
  });

  it('reads offsets as seconds', () => {
    expect(offsetSeconds(parseVectorSelector('m offset 1h30m'))).toBe(5400);
    expect(offsetSeconds(parseVectorSelector('m'))).toBe(0);
  });
});
