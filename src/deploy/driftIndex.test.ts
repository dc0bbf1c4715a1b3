import { buildRuleGroups } from '../rules/build';
import { toPlainGroups } from '../rules/output';
import type { Slo } from '../slo/types';
import { makeSlo } from '../testing/fixtures';
import { DriftIndex, LazyLookup } from './driftIndex';

const OPTIONS = { evaluationInterval: '30s' };
const groupsOf = (slo: Slo) => toPlainGroups(buildRuleGroups(slo, OPTIONS));

const unchanged = makeSlo();
const changedBefore = makeSlo({ uid: 'search', name: 'search', service: 'search' });
// Saved since its rules were deployed: a stricter objective.
const changed: Slo = {
  ...changedBefore,
  objectives: [{ target: '0.9995', window: { kind: 'rolling', duration: '30d', seconds: 2592000 } }],
};
const notDeployed = makeSlo({ uid: 'payments', name: 'payments', service: 'payments' });
const slos = [unchanged, changed, notDeployed];
const deployed = [...groupsOf(unchanged), ...groupsOf(changedBefore)];

function index() {
  const byUid = new Map(slos.map((s) => [s.uid, s]));
  const built: string[] = [];
  const drift = new DriftIndex(
    byUid.keys(),
    (uid) => {
      built.push(uid);
      return groupsOf(byUid.get(uid)!);
    },
    deployed
  );
  return { drift, built };
}

describe('DriftIndex', () => {
  it('finds an unchanged SLO up to date and a changed one outdated, as a drift of every SLO would', () => {
    const { drift } = index();
    expect(drift.get(unchanged.uid)?.status).toBe('up-to-date');
    expect(drift.get(changed.uid)?.status).toBe('outdated');
    expect(drift.get(changed.uid)?.detail).toMatch(/earlier version/);
  });

  it('builds the rules of an SLO only when its drift is asked for, once, and never for an SLO not deployed', () => {
    const { drift, built } = index();
    expect(built).toEqual([]);
    expect(drift.get(notDeployed.uid)?.status).toBe('not-deployed');
    drift.get(changed.uid);
    drift.get(changed.uid);
    expect(built).toEqual([changed.uid]);
  });

  it('has no drift for an SLO it was not given', () => {
    expect(index().drift.get('elsewhere')).toBeUndefined();
  });

  it('sees rules edited by hand', () => {
    const [first, ...rest] = groupsOf(unchanged);
    const edited = { ...first, rules: first.rules.map((r, i) => (i === 0 ? { ...r, expr: `${r.expr} * 2` } : r)) };
    const drift = new DriftIndex([unchanged.uid], () => groupsOf(unchanged), [edited, ...rest]);
    expect(drift.get(unchanged.uid)?.status).toBe('changed-by-hand');
  });
});

describe('LazyLookup', () => {
  it('computes a value when first asked and keeps it', () => {
    let calls = 0;
    const lookup = new LazyLookup(['a'], (uid) => `${uid}${++calls}`);
    expect([lookup.get('a'), lookup.get('a'), lookup.get('b'), calls]).toEqual(['a1', 'a1', undefined, 1]);
  });
});
