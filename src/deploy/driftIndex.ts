import type { PlainRuleGroup } from '../rules/fingerprint';
import { groupSloUid, sloDrift, type Drift } from './rulerPlan';

/** A figure of each SLO by its uid: a Map, or a LazyLookup that works it out when asked. */
export interface UidLookup<T> {
  get(sloUid: string): T | undefined;
}

export type DriftLookup = UidLookup<Drift>;

/**
 * A figure of each of `sloUids`, worked out by `compute` only when it is asked for (the rows a page shows)
 * and then kept: a page of a thousand SLOs builds the rules of the fifty it shows, not of all of them.
 */
export class LazyLookup<T> implements UidLookup<T> {
  private readonly known = new Map<string, T>();
  private readonly sloUids: ReadonlySet<string>;

  constructor(
    sloUids: Iterable<string>,
    private readonly compute: (sloUid: string) => T
  ) {
    this.sloUids = new Set(sloUids);
  }

  get(sloUid: string): T | undefined {
    if (!this.sloUids.has(sloUid)) {
      return undefined;
    }
    if (!this.known.has(sloUid)) {
      this.known.set(sloUid, this.compute(sloUid));
    }
    return this.known.get(sloUid);
  }
}

/**
 * The drift of many SLOs against one read of a namespace's groups, each SLO's when asked for. An SLO without
 * a deployed group is "not deployed" without building its rules; for the others `desired` builds them.
 */
export class DriftIndex extends LazyLookup<Drift> {
  constructor(
    sloUids: Iterable<string>,
    desired: (sloUid: string) => PlainRuleGroup[],
    deployed: readonly PlainRuleGroup[],
    defaultInterval?: string
  ) {
    const deployedBySlo = new Map<string, PlainRuleGroup[]>();
    for (const group of deployed) {
      const uid = groupSloUid(group);
      if (uid !== undefined) {
        deployedBySlo.set(uid, [...(deployedBySlo.get(uid) ?? []), group]);
      }
    }
    super(sloUids, (sloUid) => {
      const mine = deployedBySlo.get(sloUid) ?? [];
      // Not deployed needs no desired rules: sloDrift says so before it reads them.
      return sloDrift(sloUid, mine.length === 0 ? [] : desired(sloUid), mine, defaultInterval);
    });
  }
}
