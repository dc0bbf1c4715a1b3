import type { Drift } from './rulerPlan';

/**
 * Where an SLO's rules run, from what could be read: the ruler namespace, the Grafana-managed folder, and
 * the fingerprints Prometheus sees recorded. Pure: the loaders gather the facts.
 */

export type RecordedState = 'current' | 'outdated' | 'none';

export interface RulesFacts {
  /** The SLO's drift in the ruler namespace; undefined when the ruler could not be read. */
  ruler?: Drift;
  /** Its drift among the Grafana-managed groups; undefined when Grafana's could not be read. */
  grafana?: Drift;
  /** Whether Prometheus sees its rules recording, with the fingerprint of the rules it makes now or another. */
  recorded?: RecordedState;
}

export type RulesPlace =
  | { where: 'ruler'; drift: Drift }
  | { where: 'grafana'; drift: Drift }
  | { where: 'file'; current: boolean }
  | { where: 'nowhere' }
  | { where: 'unknown' };

/**
 * The ruler and Grafana's folder come first: rules deployed there record too, and are the app's to update.
 * Recording seen without either is a rule file someone deployed. Nothing recorded is "nowhere" only when
 * Prometheus could be asked.
 */
export function placeRules(facts: RulesFacts): RulesPlace {
  if (facts.ruler && facts.ruler.status !== 'not-deployed') {
    return { where: 'ruler', drift: facts.ruler };
  }
  if (facts.grafana && facts.grafana.status !== 'not-deployed') {
    return { where: 'grafana', drift: facts.grafana };
  }
  if (facts.recorded === 'current' || facts.recorded === 'outdated') {
    return { where: 'file', current: facts.recorded === 'current' };
  }
  return facts.recorded === 'none' ? { where: 'nowhere' } : { where: 'unknown' };
}

/** The recorded state of an SLO from the fingerprints seen for it and the one its rules have now. */
export function recordedState(
  seen: ReadonlySet<string> | undefined,
  desiredFingerprint: string | undefined
): RecordedState {
  if (!seen || seen.size === 0) {
    return 'none';
  }
  return desiredFingerprint !== undefined && seen.has(desiredFingerprint) ? 'current' : 'outdated';
}
