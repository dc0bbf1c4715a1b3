/**
 * OpenSLO v1 (https://github.com/OpenSLO/OpenSLO): import of SLO, SLI, Service, AlertPolicy,
 * AlertCondition, AlertNotificationTarget and DataSource documents, and export of an Slo as a Service
 * and an SLO with its indicator inline.
 *
 * What maps where:
 * - SLO `spec.service` -> service; `metadata.labels` -> labels (a list of values is joined with ",");
 *   `metadata.annotations` -> annotations, except the `burnrate.dev/` keys, which carry what OpenSLO
 *   has no field for (uid, owner, tier, groupBy, alerting, more objectives, the error budget policy, the
 *   status, the product and SRE owners, the review) so that an export imports back to the same Slo.
 * - The SLI, inline (`indicator`) or by name (`indicatorRef`): a `ratioMetric` whose queries are plain
 *   counter selectors is a `ratio` indicator (a `latency` one when good is `<h>_bucket{le="x"}` and
 *   total `<h>_count` with the same matchers); other PromQL is an `advanced` indicator, used as it is
 *   (with `counter: true`, a bare selector among other queries is read as `rate(<selector>[{{.window}}])`).
 *   A `thresholdMetric` is a `threshold` indicator, with the objective's `op` and `value`.
 * - `timeWindow`: rolling durations (28d, 4w, ...); calendar `1w` and `1M` are the calendar week and
 *   month (UTC, weeks from Monday).
 * - `budgetingMethod`: Occurrences counts events; Timeslices counts good time slices, with the first
 *   objective's `timeSliceWindow` (a duration such as 1m) and `timeSliceTarget` (for a thresholdMetric
 *   the share of the slice's data points that must meet the condition); RatioTimeslices averages the good
 *   ratio of every slice (time slices with score `ratio`), with `timeSliceWindow` and no target.
 * - Objectives share the SLO's one time window, and Burnrate needs a distinct window per objective:
 *   the first objective is imported and the others are reported.
 * - Alert policies (inline or by `alertPolicyRef`) with `burnrate` conditions (inline or by
 *   `conditionRef`) become burn-rate alerts: threshold -> factor, lookbackWindow -> long window, with a
 *   short window of 1/12 of it; `alertWhenNoData` -> a no-data alert after the shortest lookback window.
 *   `alertAfter` becomes the alert's `for:`; lt/lte conditions are refused (they would alert while
 *   healthy); notification targets are dropped with a warning.
 *
 * Export writes ratio and classic latency indicators as counter selectors (`counter: true`), advanced
 * and native-histogram ones as PromQL rates (`counter: false`, with `{{.window}}`), and threshold ones
 * as a `thresholdMetric` with the objective's `op` and `value`. When the queries alone would not read
 * back to the same indicator (a native histogram, a selector written unusually), the
 * `burnrate.dev/indicator` annotation holds it; import uses it only while the queries still are the
 * ones it exports to.
 */
export {
  OPENSLO_API_VERSION,
  OPENSLO_KINDS,
  openSloSchemas,
  type OpenSloDocument,
  type OpenSloInput,
  type OpenSloKind,
} from './schema';
export { ANNOTATION_PREFIX, ANNOTATIONS } from './extensions';
export { PROMQL_SOURCE_TYPES, type OpenSloSliSpec } from './indicator';
export { importOpenSlo } from './slo';
export {
  toOpenSloDocuments,
  type OpenSloExportDocument,
  type OpenSloServiceDocument,
  type OpenSloSloDocument,
} from './export';
