import { SLO_LABELS, SLO_METRICS } from './slo';

/**
 * The fingerprints the SLOs' rules carry wherever Prometheus evaluates them (a rule file, a ruler, or
 * Grafana writing the recorded series): one series per SLO and fingerprint, for every SLO in one query.
 */
export const RECORDED_RULES_INFO_EXPR = `count by (${SLO_LABELS.uid}, ${SLO_LABELS.rulesFingerprint}) (${SLO_METRICS.rulesInfo})`;
