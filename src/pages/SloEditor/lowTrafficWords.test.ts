import type { AlertReplay } from '../../slo/backtest';
import type { ResolvedBurnRate } from '../../slo/burnRates';
import { lowTrafficNote } from './lowTrafficWords';

function alert(
  severity: 'page' | 'ticket',
  longWindowSeconds: number,
  badToFire?: number,
  quietEvents = 0
): AlertReplay {
  return {
    burnRate: { severity, longWindowSeconds, longWindow: `${longWindowSeconds / 3600}h` } as ResolvedBurnRate,
    episodes: [],
    firingSeconds: 0,
    ...(badToFire !== undefined && { lowTraffic: { badToFire, quietEvents } }),
  };
}

describe('lowTrafficNote', () => {
  it('names the page that fires on the fewest bad events, and the guard', () => {
    // 14.4 x 0.1% of 300 requests in the quietest hours: 4.32, so the 5th bad request pages.
    const alerts = [alert('page', 3600, 4.32, 300), alert('page', 21600, 10.8, 1800), alert('ticket', 86400, 2, 100)];
    expect(lowTrafficNote(alerts, undefined, 'events', 7)).toEqual({
      tone: 'warning',
      text:
        'Low traffic: in the quietest tenth of these 7 days, 5 bad events in 1 hour would page (of 300 events in that ' +
        'window). Set the low-traffic guard (Alerting) so that a handful of failures does not page.',
    });
    expect(lowTrafficNote(alerts, 20, 'events', 7)?.text).toMatch(
      /would page \(of 300 events in that window\)\. The low-traffic guard holds such alerts back until 20 bad events fell\.$/
    );
    // A guard below the count changes nothing: it is not said to help.
    expect(lowTrafficNote(alerts, 3, 'events', 7)?.text).toMatch(/Set the low-traffic guard/);
  });

  it('says the guard does not matter when every page takes many bad events', () => {
    expect(lowTrafficNote([alert('page', 3600, 51.84, 3600)], undefined, 'events', 30)).toEqual({
      tone: 'secondary',
      text:
        'Traffic is high enough for the low-traffic guard not to matter: in the quietest tenth of these 30 days, an ' +
        'alert takes at least 52 bad events in its long window to page.',
    });
  });

  it('falls back on tickets when nothing pages, and says nothing without traffic', () => {
    expect(lowTrafficNote([alert('ticket', 86400, 0.5, 20)], undefined, 'slices', 7)?.text).toMatch(
      /^Low traffic: in the quietest tenth of these 7 days, 1 bad slice in 1 day would open a ticket/
    );
    expect(lowTrafficNote([alert('page', 3600)], undefined, 'events', 7)).toBeUndefined();
  });
});
