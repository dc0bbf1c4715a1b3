import { promqlMarkers } from './markers';

describe('promqlMarkers', () => {
  it('marks nothing in valid PromQL, with or without the window placeholder', () => {
    expect(promqlMarkers('sum(rate(http_requests_total{code=~"5.."}[5m]))')).toEqual([]);
    expect(promqlMarkers('sum(rate(http_requests_total[{{.window}}]))')).toEqual([]);
    expect(promqlMarkers('')).toEqual([]);
  });

  it('marks the position of a syntax error on its line', () => {
    const [marker] = promqlMarkers('sum(rate(http_requests_total[5m]))\n  / on() foo{');
    expect(marker.message).toMatch(/^syntax error at character/);
    expect(marker.startLineNumber).toBe(2);
    expect(marker.endLineNumber).toBe(2);
    expect(marker.startColumn).toBeGreaterThanOrEqual(10);
    expect(marker.endColumn).toBeGreaterThan(marker.startColumn);
  });

  it('marks the last character when the expression ends too early', () => {
    const expr = 'sum(rate(x[5m])';
    const [marker] = promqlMarkers(expr);
    expect(marker).toMatchObject({ startLineNumber: 1, startColumn: expr.length, endColumn: expr.length + 1 });
  });

  it('keeps the positions of the text written around a placeholder', () => {
    const expr = 'rate(x[{{.window}}]) +';
    const [marker] = promqlMarkers(expr);
    expect(marker.startColumn).toBe(expr.length);
  });
});
