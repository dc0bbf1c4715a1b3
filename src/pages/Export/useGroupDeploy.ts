import { useState } from 'react';
import type { BadgeColor } from '@grafana/ui';
import type { Slo } from '../../slo/types';
import type { AppSettings } from '../../settings';
import type { PlainRuleGroup } from '../../rules/fingerprint';
import { applyPlan, type ChangeResult, type RuleGroupWriter } from '../../deploy/rulerClient';
import { planRulerDeploy, type GroupAction, type GroupChange } from '../../deploy/rulerPlan';
import { checkRulerLimits, type LimitReport, type RulerLimits } from '../../deploy/rulerLimits';
import { desiredGroups, rulerGroups } from '../../api/ruler';

/** Where Prometheus-format rule groups go: a ruler namespace, or the folder of Grafana's conversion API. */
export interface GroupTarget extends RuleGroupWriter {
  listNamespace(namespace: string): Promise<PlainRuleGroup[]>;
  /** A ruler: the groups of every namespace of the tenant, which its rule-group limit counts. */
  listTenant?(): Promise<Record<string, PlainRuleGroup[]>>;
}

/** The steps of a deploy: compare, then apply one group at a time; `Failure` is how the target fails. */
export type GroupDeployState<Failure> =
  | { step: 'idle' }
  | { step: 'busy'; what: string }
  /** `limits`: the plan against the ruler's limits, for a target that has them. */
  | { step: 'planned'; changes: GroupChange[]; limits?: LimitReport }
  | { step: 'applied'; results: ChangeResult[]; finished: boolean }
  | Failure;

/** How each planned action is shown. */
export const ACTION_BADGE: Record<GroupAction, { text: string; color: BadgeColor }> = {
  create: { text: 'New', color: 'green' },
  update: { text: 'Changed', color: 'orange' },
  unchanged: { text: 'Unchanged', color: 'blue' },
  delete: { text: 'Remove', color: 'red' },
};

export interface CompareRequest {
  namespace: string;
  /** The SLOs to deploy. */
  chosen: Slo[];
  /** Every SLO: groups of SLOs not among them are left over and removed. */
  all: Slo[];
  /** Uids of the SLOs on other datasources: their groups on this target are left over from a move and removed. */
  elsewhereSloUids?: ReadonlySet<string>;
  settings: AppSettings;
  /** What the page says while it reads the deployed groups. */
  reading: string;
  /** A ruler's limits: groups are split to fit them where they can be, and the plan is checked against them. */
  limits?: RulerLimits;
}

/**
 * The compare-then-apply flow that the ruler and the Grafana-managed recording panels share: a plan of the
 * chosen SLOs' groups against what the target holds, then the plan applied group by group with progress.
 * `toFailure` turns an error into the panel's own failure state.
 */
export function useGroupDeploy<Failure extends { step: string }>(toFailure: (error: unknown) => Failure) {
  const [state, setState] = useState<GroupDeployState<Failure>>({ step: 'idle' });

  const compare = async (target: GroupTarget, request: CompareRequest) => {
    const { namespace, chosen, all, settings, reading, limits, elsewhereSloUids } = request;
    setState({ step: 'busy', what: reading });
    try {
      if (limits && target.listTenant) {
        const splits = chosen.map((slo) => rulerGroups(slo, settings));
        const tenant = await target.listTenant();
        const changes = planRulerDeploy({
          desired: splits.flatMap((s) => s.groups),
          deployed: tenant[namespace] ?? [],
          existingSloUids: new Set(all.map((s) => s.uid)),
          elsewhereSloUids,
        });
        const groupsByNamespace = Object.fromEntries(Object.entries(tenant).map(([name, g]) => [name, g.length]));
        const unsplittable = new Map(splits.flatMap((s) => [...s.refused]));
        const report = checkRulerLimits({ changes, groupsByNamespace, namespace, limits }, unsplittable);
        setState({ step: 'planned', changes, limits: report });
        return;
      }
      const changes = planRulerDeploy({
        desired: chosen.flatMap((slo) => desiredGroups(slo, settings)),
        deployed: await target.listNamespace(namespace),
        existingSloUids: new Set(all.map((s) => s.uid)),
        elsewhereSloUids,
      });
      setState({ step: 'planned', changes });
    } catch (error) {
      setState(toFailure(error));
    }
  };

  const apply = async (target: GroupTarget, namespace: string, changes: GroupChange[]) => {
    setState({ step: 'busy', what: 'Deploying...' });
    try {
      const results = await applyPlan(target, namespace, changes, (partial) =>
        setState({ step: 'applied', results: partial, finished: false })
      );
      setState({ step: 'applied', results, finished: true });
    } catch (error) {
      setState(toFailure(error));
    }
  };

  return { state, compare, apply };
}

/** A failure shown with its message. */
export function errorState(error: unknown): { step: 'error'; message: string } {
  return { step: 'error', message: error instanceof Error ? error.message : String(error) };
}
