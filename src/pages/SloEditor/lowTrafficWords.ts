import type { AlertReplay } from '../../slo/backtest';
import { describeWindowLength } from '../../slo/describe';
import { groupThousands } from '../../slo/budget';

/** Fewer bad events than this firing a page is "a handful": the low-traffic guard is worth setting. */
export const FEW_BAD_EVENTS = 10;

export interface LowTrafficNote {
  tone: 'warning' | 'secondary';
  text: string;
}

/**
 * Whether the SLO's traffic is low enough for the low-traffic guard to matter, from the replay: the alert
 * that fires on the fewest bad events at the quietest tenth of the range (pages first; tickets when nothing
 * pages), and what the guard does about it. Undefined without traffic.
 */
export function lowTrafficNote(
  alerts: readonly AlertReplay[],
  minBadEvents: number | undefined,
  unit: string,
  days: number
): LowTrafficNote | undefined {
  const withTraffic = alerts.filter((a) => a.lowTraffic !== undefined);
  const pages = withTraffic.filter((a) => a.burnRate.severity === 'page');
  const considered = pages.length > 0 ? pages : withTraffic;
  const weakest = considered.reduce<AlertReplay | undefined>(
    (min, a) => (min === undefined || a.lowTraffic!.badToFire < min.lowTraffic!.badToFire ? a : min),
    undefined
  );
  if (!weakest?.lowTraffic) {
    return undefined;
  }
  const { quietEvents, badToFire } = weakest.lowTraffic;
  // The condition is bad / events > factor x budget: the first whole count above the threshold fires it.
  const fewest = Math.floor(badToFire) + 1;
  const verb = weakest.burnRate.severity === 'page' ? 'page' : 'open a ticket';
  const window = describeWindowLength(weakest.burnRate.longWindowSeconds);
  const quiet = `in the quietest tenth of these ${days} days`;
  if (fewest >= FEW_BAD_EVENTS) {
    return {
      tone: 'secondary',
      text: `Traffic is high enough for the low-traffic guard not to matter: ${quiet}, an alert takes at least ${groupThousands(fewest)} bad ${unit} in its long window to ${verb}.`,
    };
  }
  const what = `Low traffic: ${quiet}, ${groupThousands(fewest)} bad ${fewest === 1 ? unit.replace(/s$/, '') : unit} in ${window} would ${verb} (of ${groupThousands(Math.round(quietEvents))} ${unit} in that window).`;
  return {
    tone: 'warning',
    text:
      minBadEvents !== undefined && minBadEvents > fewest
        ? `${what} The low-traffic guard holds such alerts back until ${groupThousands(minBadEvents)} bad ${unit} fell.`
        : `${what} Set the low-traffic guard (Alerting) so that a handful of failures does not ${verb}.`,
  };
}
