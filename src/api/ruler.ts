import { hasPermission } from '@grafana/runtime';
import { z } from 'zod';
import type { Slo } from '../slo/types';
import type { AppSettings } from '../settings';
import { buildRuleGroups } from '../rules/build';
import { applyGroupPattern, toPlainGroups } from '../rules/output';
import type { PlainRuleGroup } from '../rules/fingerprint';
import { RulerClient, type Transport } from '../deploy/rulerClient';
import { DriftIndex, type DriftLookup } from '../deploy/driftIndex';
import { splitSloGroups, type SloGroupsSplit } from '../deploy/splitGroups';
import type { RulerLimits } from '../deploy/rulerLimits';
import { datasourceName, failureReason, readByDatasource } from './byDatasource';
import { fetchResponse } from './http';

/**
 * Grafana's backend service as a ruler transport: every HTTP status comes back as an answer. With a
 * `signal`, its requests are cancelled when it aborts.
 */
export function cancellableTransport(signal?: AbortSignal): Transport {
  return async ({ method, url, body, headers, responseType }) => {
    try {
      const response = await fetchResponse({ method, url, data: body, headers, responseType }, signal);
      return { status: response.status, data: response.data };
    } catch (error) {
      const parsed = z.object({ status: z.number(), data: z.unknown().optional() }).safeParse(error);
      if (parsed.success) {
        return { status: parsed.data.status, data: parsed.data.data };
      }
      throw error;
    }
  };
}

/** Grafana's backend service as a ruler transport, for requests that are never cancelled (deploys). */
export const grafanaTransport: Transport = cancellableTransport();

/** The ruler of a datasource ('' for none: why there is none to use); `signal` cancels its requests. */
export function rulerOf(datasourceUid: string, signal?: AbortSignal): RulerClient | { reason: string } {
  if (!datasourceUid) {
    return { reason: 'No datasource is configured for Burnrate.' };
  }
  return new RulerClient(cancellableTransport(signal), datasourceUid, datasourceName(datasourceUid));
}

/** Role checks, as Grafana's own alerting pages make them: data-source-managed rules. */
export function canReadRulerRules(): boolean {
  return hasPermission('alert.rules.external:read');
}

export function canWriteRulerRules(): boolean {
  return hasPermission('alert.rules.external:write');
}

/** The rule groups an SLO makes with the app's settings (group names from the configured pattern). */
export function desiredGroups(slo: Slo, settings: AppSettings): PlainRuleGroup[] {
  return toPlainGroups(
    applyGroupPattern(
      buildRuleGroups(slo, { evaluationInterval: settings.evaluationInterval }),
      slo.uid,
      settings.ruleGroupPattern
    )
  );
}

/** The ruler's limits as the settings give them. */
export function rulerLimitsOf(settings: AppSettings): RulerLimits {
  return { rulesPerGroup: settings.rulerMaxRulesPerGroup, ruleGroups: settings.rulerMaxRuleGroups };
}

/**
 * The groups an SLO deploys to a ruler: its groups split to fit the ruler's rules-per-group limit where
 * that keeps them exact (deploy/splitGroups.ts), with the groups left whole and why.
 */
export function rulerGroups(slo: Slo, settings: AppSettings): SloGroupsSplit {
  return splitSloGroups(desiredGroups(slo, settings), settings.rulerMaxRulesPerGroup);
}

/**
 * The drift of each SLO from its datasource's ruler, or why it is unknown: for all the SLOs (`reason`), or for
 * those of a datasource that could not be read (`unknown`, the reason by SLO uid).
 */
export type DriftReport =
  { kind: 'ok'; drift: DriftLookup; unknown?: ReadonlyMap<string, string> } | { kind: 'unavailable'; reason: string };

/**
 * The drift of each SLO against the ruler of its own datasource, in one read of the namespace per datasource.
 * A ruler that cannot be read leaves only its own SLOs' drift unknown. The rules of an SLO are built only when
 * its drift is asked for (a row shown), never all at once on the main thread. An aborted `signal` cancels the
 * reads.
 */
export async function loadDrift(slos: Slo[], settings: AppSettings, signal?: AbortSignal): Promise<DriftReport> {
  if (!canReadRulerRules()) {
    return { kind: 'unavailable', reason: 'Your role may not read data-source-managed alert rules.' };
  }
  const byUid = new Map(slos.map((slo) => [slo.uid, slo]));
  const { answers, failures, unset } = await readByDatasource(
    slos,
    settings.datasourceUid,
    async (datasourceUid, group) => {
      const client = rulerOf(datasourceUid, signal);
      if (!(client instanceof RulerClient)) {
        throw new Error(client.reason);
      }
      const deployed = await client.listNamespace(settings.ruleNamespace);
      const uids = group.map((slo) => slo.uid);
      return new DriftIndex(uids, (uid) => rulerGroups(byUid.get(uid)!, settings).groups, deployed);
    },
    signal
  );
  const noDatasource = 'No datasource is configured for Burnrate.';
  const reasons = [
    ...failures.map((f) => ({ reason: failureReason(f), sloUids: f.sloUids })),
    ...(unset.length > 0 ? [{ reason: noDatasource, sloUids: unset.map((s) => s.uid) }] : []),
  ];
  if (answers.length === 0) {
    // No ruler could be read at all: one reason for every SLO, as with one datasource.
    return {
      kind: 'unavailable',
      reason: failures.length === 1 ? failures[0].message : (reasons[0]?.reason ?? noDatasource),
    };
  }
  const indexOf = new Map(answers.flatMap(({ slos: group, answer }) => group.map((slo) => [slo.uid, answer] as const)));
  const drift: DriftLookup = { get: (uid) => indexOf.get(uid)?.get(uid) };
  const unknown = new Map(reasons.flatMap(({ reason, sloUids }) => sloUids.map((uid) => [uid, reason] as const)));
  return { kind: 'ok', drift, ...(unknown.size > 0 && { unknown }) };
}

/** Grafana-managed rules through the provisioning API: the alerting writer roles, or provisioning writers. */
export function canWriteGrafanaRules(): boolean {
  return hasPermission('alert.provisioning:write') || hasPermission('alert.rules:write');
}
