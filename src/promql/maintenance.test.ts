import type { MaintenanceWindow } from '../slo/types';
import { countedTileIncreaseExpr, maintenanceActiveExpr } from './maintenance';
import { counterTileIncreaseExpr, TILES } from './slo';
import { findPromqlSyntaxError, parseVectorSelector } from './parse';

const once: MaintenanceWindow = {
  start: '2026-12-06T02:00:00Z',
  end: '2026-12-06T04:00:00Z',
  startSeconds: 1796522400,
  endSeconds: 1796529600,
  reason: 'upgrade',
};
const weekly: MaintenanceWindow = { ...once, repeat: 'weekly' };

describe('maintenanceActiveExpr', () => {
  it('is a condition on time(): start <= t < end, or for a weekly window the time since its start modulo a week', () => {
    expect(maintenanceActiveExpr([once])).toBe('vector(time()) >= 1796522400 < 1796529600');
    expect(maintenanceActiveExpr([weekly])).toBe('((vector(time()) >= 1796522400) - 1796522400) % 604800 < 7200');
  });

  it('looks back, keeps the end instant and extends the windows on demand; joins windows with or', () => {
    expect(maintenanceActiveExpr([once, weekly], { shiftSeconds: 600, extendSeconds: 300, includeEnd: true })).toBe(
      '(vector(time() - 600) >= 1796522400 <= 1796529900) or' +
        ' (((vector(time() - 600) >= 1796522400) - 1796522400) % 604800 <= 7500)'
    );
  });
});

describe('countedTileIncreaseExpr', () => {
  const counter = parseVectorSelector('http_requests_total{job="api"}');

  it('is the plain tile increase without windows', () => {
    expect(countedTileIncreaseExpr(counter, [], TILES.tenMinutes)).toBe(
      counterTileIncreaseExpr(counter, TILES.tenMinutes)
    );
  });

  it('subtracts the events inside windows, found with a one minute subquery, and is valid PromQL', () => {
    const expr = countedTileIncreaseExpr(counter, [once, weekly], TILES.tenMinutes);
    expect(findPromqlSyntaxError(expr)).toBeUndefined();
    expect(expr).toContain('[9m59s999ms:1m]');
    expect(expr).toMatch(/unless on \(\) \(\(.*\) and on \(\) \(.*time\(\) - 600.*\)\)$/);
  });
});
