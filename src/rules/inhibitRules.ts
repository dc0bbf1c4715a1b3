import type { Journey } from '../slo/catalogue';
import { BURN_ALERT_NAME, SLO_LABELS } from '../promql/slo';
import { toYaml } from '../slo/yamlText';

/**
 * Alertmanager inhibit rules from the catalogue's journeys: while the SLO of a journey as a whole pages, the
 * pages of its steps' SLOs over the same alert window are held back. One outage of the login journey then
 * pages once, for the journey, rather than once per step it breaks. Only pages are held back, and only by a
 * page: a step's tickets, and its pages over other windows, still go out.
 */

/** Alertmanager's `inhibit_rules` entry (its configuration file, `alertmanager.yml`). */
export interface InhibitRule {
  source_matchers: string[];
  target_matchers: string[];
  equal: string[];
}

/** The same alert window: the journey's 1h page holds back its steps' 1h pages, not their 6h ones. */
export const INHIBIT_EQUAL_LABELS: readonly string[] = [SLO_LABELS.longWindow];

/** One rule per journey that names its own SLO and has a step other than it. */
export function journeyInhibitRules(journeys: readonly Journey[]): InhibitRule[] {
  return journeys.flatMap((journey) => {
    const source = journey.sloUid;
    if (source === undefined || source === '') {
      return [];
    }
    const steps = [...new Set(journey.steps.map((s) => s.sloUid))].filter((uid) => uid !== '' && uid !== source);
    if (steps.length === 0) {
      return [];
    }
    const pages = [matcher('alertname', '=', BURN_ALERT_NAME), matcher(SLO_LABELS.severity, '=', 'page')];
    return [
      {
        source_matchers: [...pages, matcher(SLO_LABELS.uid, '=', source)],
        target_matchers: [
          ...pages,
          steps.length === 1
            ? matcher(SLO_LABELS.uid, '=', steps[0])
            : matcher(SLO_LABELS.uid, '=~', steps.map(regexLiteral).join('|')),
        ],
        equal: [...INHIBIT_EQUAL_LABELS],
      },
    ];
  });
}

/** The `inhibit_rules` section of an Alertmanager configuration, to merge into alertmanager.yml. */
export function renderInhibitRules(rules: InhibitRule[]): string {
  return toYaml({ inhibit_rules: rules });
}

/**
 * A matcher as Alertmanager reads it (`name="value"`): the value double-quoted, with `\\`, `\"` and `\n`
 * escaped, so that any uid reads back as itself.
 */
function matcher(name: string, op: '=' | '=~', value: string): string {
  const quoted = value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
  return `${name}${op}"${quoted}"`;
}

/** A regular expression (Go's RE2, anchored by Alertmanager) that matches exactly this text. */
function regexLiteral(text: string): string {
  return text.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}
