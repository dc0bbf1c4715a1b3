import type { Slo } from '../slo/types';
import type { AppSettings } from '../settings';
import { SLO_LABELS, SLO_METRICS } from '../promql/slo';
import { RECORDED_RULES_INFO_EXPR } from '../promql/rulesInfo';
import { DriftIndex, LazyLookup, type UidLookup } from '../deploy/driftIndex';
import { GrafanaRecordingClient } from '../deploy/grafanaRecording';
import { recordedState, type RulesFacts } from '../deploy/rulesPlace';
import type { PlainRuleGroup } from '../rules/fingerprint';
import { desiredGroups, rulerGroups } from './ruler';
import {
  canReadGrafanaRecording,
  configuredGrafanaRecording,
  currentGrafanaRecordingSupport,
} from './grafanaRecording';
import { queryInstant } from './query';
import { isCancelled } from './errors';
import { failureReason, readByDatasource } from './byDatasource';

/** Where each SLO's rules run, apart from the ruler (its drift report says that): see placeRules. */
export interface RulesWhereReport {
  /** By SLO uid; worked out for an SLO when asked for, since it takes building the SLO's rules. */
  facts: UidLookup<Omit<RulesFacts, 'ruler'>>;
  /** The ruler namespace and Grafana folder the app deploys to. */
  namespace: string;
  /** Why a source could not be read, for the marker's tooltip. */
  notes: string[];
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function desiredFingerprint(groups: PlainRuleGroup[]): string | undefined {
  for (const group of groups) {
    const info = group.rules.find((r) => r.record === SLO_METRICS.rulesInfo);
    if (info) {
      return info.labels?.[SLO_LABELS.rulesFingerprint];
    }
  }
  return undefined;
}

/** The Grafana-managed groups of the app's folder, or why they were not read (no request when unsupported). */
async function readGrafanaGroups(settings: AppSettings, signal?: AbortSignal): Promise<PlainRuleGroup[] | string> {
  if (!currentGrafanaRecordingSupport().supported) {
    return 'Grafana-managed recording rules are not set up in this Grafana.';
  }
  if (!canReadGrafanaRecording()) {
    return 'Your role may not read Grafana-managed rules.';
  }
  const client = configuredGrafanaRecording(settings, signal);
  if (!(client instanceof GrafanaRecordingClient)) {
    return client.reason;
  }
  return client.listNamespace(settings.ruleNamespace);
}

/**
 * The fingerprints Prometheus sees recorded, by SLO uid: one query per datasource, each SLO's fingerprints
 * taken from its own datasource only. A datasource that fails is a note; all failing is the message.
 */
async function readRecorded(
  slos: Slo[],
  settings: AppSettings,
  signal?: AbortSignal
): Promise<{ seen: Map<string, Set<string>>; notes: string[]; unread: Set<string> } | string> {
  const { answers, failures } = await readByDatasource(
    slos,
    settings.datasourceUid,
    async (uid) => (await queryInstant(uid, [{ refId: 'A', expr: RECORDED_RULES_INFO_EXPR }], signal)).A ?? [],
    signal
  );
  const notes = failures.map(failureReason);
  if (answers.length === 0) {
    return notes[0] ?? 'No datasource is configured for Burnrate.';
  }
  const seen = new Map<string, Set<string>>();
  for (const { slos: group, answer } of answers) {
    const mine = new Set(group.map((slo) => slo.uid));
    for (const { labels } of answer) {
      const uid = labels[SLO_LABELS.uid];
      const fingerprint = labels[SLO_LABELS.rulesFingerprint];
      if (uid && fingerprint && mine.has(uid)) {
        seen.set(uid, (seen.get(uid) ?? new Set()).add(fingerprint));
      }
    }
  }
  // SLOs of a datasource that failed: what they record is unknown, not "nothing".
  const unread = new Set(failures.flatMap((f) => f.sloUids));
  return { seen, notes, unread };
}

/**
 * The fingerprint the SLO's rules have now, as Prometheus would record it: that of the groups as built (a
 * rule file, Grafana-managed rules), or that of the groups split for the ruler's limit, whichever it records.
 */
function currentFingerprint(
  seen: ReadonlySet<string> | undefined,
  slo: Slo,
  settings: AppSettings
): string | undefined {
  const built = desiredFingerprint(desiredGroups(slo, settings));
  const split = desiredFingerprint(rulerGroups(slo, settings).groups);
  return split !== undefined && seen?.has(split) ? split : built;
}

/**
 * One read of Grafana's imported groups (when this Grafana can run them) and one Prometheus query, for all
 * the SLOs together; an aborted `signal` cancels both. Each SLO's rules are built only when its facts are
 * asked for.
 */
export async function loadRulesWhere(
  slos: Slo[],
  settings: AppSettings,
  signal?: AbortSignal
): Promise<RulesWhereReport> {
  const settle = <T>(promise: Promise<T | string>): Promise<T | string> =>
    promise.catch((error: unknown) => {
      if (isCancelled(error)) {
        throw error;
      }
      return messageOf(error);
    });
  const [grafana, recorded] = await Promise.all([
    settle(readGrafanaGroups(settings, signal)),
    settle(readRecorded(slos, settings, signal)),
  ]);
  const notes = [
    ...[grafana, recorded].filter((r): r is string => typeof r === 'string'),
    ...(typeof recorded === 'string' ? [] : recorded.notes),
  ];
  const byUid = new Map(slos.map((slo) => [slo.uid, slo]));
  const grafanaDrift =
    typeof grafana === 'string'
      ? undefined
      : new DriftIndex(byUid.keys(), (uid) => desiredGroups(byUid.get(uid)!, settings), grafana);
  const facts = new LazyLookup(byUid.keys(), (uid): Omit<RulesFacts, 'ruler'> => {
    const seen = typeof recorded === 'string' ? undefined : recorded.seen.get(uid);
    return {
      ...(grafanaDrift && { grafana: grafanaDrift.get(uid) }),
      ...(typeof recorded !== 'string' &&
        !recorded.unread.has(uid) && {
          // Nothing recorded is "none" whatever the rules would be: no need to build them.
          recorded: recordedState(seen, seen ? currentFingerprint(seen, byUid.get(uid)!, settings) : undefined),
        }),
    };
  });
  return { facts, notes, namespace: settings.ruleNamespace };
}
