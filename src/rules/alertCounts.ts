import type { Slo } from '../slo/types';
import { describeWindowLength, eventNoun } from '../slo/describe';
import { groupEventCountFormat, windowEventCountExpr, type CountedEvents } from '../promql/alertCounts';

/**
 * The sentence of a burn-rate alert that says how many events its long window counted and how many were
 * bad: "37 of 1.204k requests were bad in the last 1 hour". Prometheus, Mimir and Cortex run the query in
 * the annotation (`query`); Grafana-managed rules have no such function, so there the counts are extra
 * queries of the rule, printed as `$values.<refId>`. The queries are made of our recorded series, the
 * SLO's uid and the names of its grouping labels (all validated), never of text of the SLO; a group's
 * label values come from the alert's own labels at run time and reach the query quoted by printf's `%q`.
 */

/** The refIds of the counts in a Grafana-managed rule (A is the alert's expression, B its condition). */
export const GRAFANA_COUNT_REF_IDS: Readonly<Record<CountedEvents, string>> = { bad: 'C', total: 'D' };

export interface BurnAlertCounts {
  /** For Prometheus, Mimir and Cortex: the sentence and a space, its figures read by `query`. */
  prometheus: string;
  /** For Grafana: the sentence and a space with `$values.<refId>`, and the instant queries behind those refIds. */
  grafana: { sentence: string; queries: Array<{ refId: string; expr: string }> };
}

export function burnAlertCounts(
  slo: Slo,
  longWindowSeconds: number,
  evaluationIntervalSeconds: number
): BurnAlertCounts {
  const tail = (bad: string, total: string) =>
    `${bad} of ${total} ${eventNoun(slo.indicator.type, slo.timeSlices)} were bad in the last ${describeWindowLength(longWindowSeconds)}. `;
  const groupBy = slo.indicator.groupBy;
  // A template's query: one expression for the SLO, or for grouped SLOs a printf of the alert's group.
  const query = (events: CountedEvents) =>
    groupBy.length === 0
      ? `query ${goString(windowEventCountExpr(events, slo.uid, groupBy, longWindowSeconds, evaluationIntervalSeconds))}`
      : `printf ${goString(
          groupEventCountFormat(events, slo.uid, longWindowSeconds, evaluationIntervalSeconds, groupBy)
        )} ${groupBy.map((label) => `$labels.${label}`).join(' ')} | query`;
  // Nothing is printed when a query finds nothing (the rules not yet recording): no sentence rather than a
  // wrong one. The sentence ends in a space, so that the text after it starts the annotation when it is not there.
  const prometheus =
    `{{ with ${query('bad')} }}{{ $bad := . | first | value }}` +
    `{{ with ${query('total')} }}${tail('{{ humanize $bad }}', '{{ . | first | value | humanize }}')}{{ end }}{{ end }}`;
  const value = (events: CountedEvents) => `{{ humanize $values.${GRAFANA_COUNT_REF_IDS[events]}.Value }}`;
  return {
    prometheus,
    grafana: {
      sentence: tail(value('bad'), value('total')),
      queries: (['bad', 'total'] as const).map((events) => ({
        refId: GRAFANA_COUNT_REF_IDS[events],
        expr: windowEventCountExpr(events, slo.uid, groupBy, longWindowSeconds, evaluationIntervalSeconds),
      })),
    },
  };
}

/**
 * A Go string literal of the text. JSON's escapes (`\"`, `\\`, `\n`, `\u0000`) are Go's, and the text
 * here is ours: PromQL of recorded series, a validated uid and label names.
 */
function goString(text: string): string {
  return JSON.stringify(text);
}
