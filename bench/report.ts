/**
 * The benchmark's result (written as JSON) and its printed tables. Errors of the window ratio are in
 * percentage points of the error budget: (ratio - exact) / (1 - target) x 100, which is also the error
 * of the budget remaining in points.
 */
import type { GroupCost, LiveTiming } from './cost';
import type { ScaleResult } from './scale';
import type { BundleResult } from './bundle';

export interface AccuracyRow {
  set: string;
  slo: string;
  instant: string;
  time: number;
  budget: number;
  /** Exact error ratio over (T - window, T]. */
  exact?: number;
  /** The rule set's window error ratio (1 - SLI) at T. */
  ratio?: number;
  /** The rule set's budget remaining at T. */
  remaining?: number;
  /** Exact ratios of the windows ending 0..15 minutes before T. */
  lagMin: number;
  lagMax: number;
  /** Ours only: the ratio of the 5m rate samples of (T - window, T] (no tiles): a window ending at T. */
  direct?: number;
}

export interface BurnRow {
  set: string;
  slo: string;
  instant: string;
  window: string;
  seconds: number;
  /** Exact burn rate over (T - window, T]; undefined without traffic. */
  exact?: number;
  /** The rule set's burn rate; undefined when absent. */
  value?: number;
}

export interface NanScan {
  metric: string;
  series: number;
  samples: number;
  nan: number;
  inf: number;
}

export interface SloCost {
  slo: string;
  sourceSeries: number;
  groups: GroupCost[];
  window: Array<{ expr: string; intervalSeconds: number; samples: number }>;
  /** Ours only: samples of the window from the 5m rates without tiles (one evaluation). */
  direct?: number;
}

export interface BenchResult {
  date: string;
  mode: 'small' | 'full';
  environment: Record<string, string | number>;
  data: Record<string, unknown>;
  accuracy: AccuracyRow[];
  burns: BurnRow[];
  nan: Record<string, NanScan[]>;
  costs: Record<string, SloCost[]>;
  costTime: number;
  live: Record<string, LiveTiming[]>;
  scale?: ScaleResult;
  bundle?: BundleResult;
  timings: Array<[string, number]>;
}

/** Tolerance of ours against the exact ratio, everywhere (SLIs on counters: exact windows). */
export const TOLERANCE_PP = 0.01;
export const HIGH_CARDINALITY_SLO = 'api-availability';

const TITLES: Record<string, string> = {
  burnrate: 'Burnrate (ours)',
  sloth: 'Sloth-style',
  pyrra: 'Pyrra-style',
};

export function errPP(row: AccuracyRow): number | undefined {
  return row.exact === undefined || row.ratio === undefined ? undefined : ((row.ratio - row.exact) / row.budget) * 100;
}
export function remainingErrPP(row: AccuracyRow): number | undefined {
  return row.exact === undefined || row.remaining === undefined
    ? undefined
    : (row.remaining - (1 - row.exact / row.budget)) * 100;
}
export function bandPP(row: AccuracyRow): number {
  const exact = row.exact ?? 0;
  return (Math.max(row.lagMax - exact, exact - row.lagMin) / row.budget) * 100;
}
function stats(values: Array<number | undefined>): { worst: number; mean: number; n: number; bad: number } {
  const finite = values.filter((v): v is number => v !== undefined && Number.isFinite(v)).map(Math.abs);
  return {
    worst: finite.length ? Math.max(...finite) : NaN,
    mean: finite.length ? finite.reduce((a, b) => a + b, 0) / finite.length : NaN,
    n: finite.length,
    bad: values.filter((v) => v !== undefined && !Number.isFinite(v)).length,
  };
}

const pad = (text: string, width: number) => text.padEnd(width);
const num = (v: number | undefined, digits: number, width: number) =>
  (v === undefined ? '-' : Number.isNaN(v) ? 'NaN' : v.toFixed(digits)).padStart(width);
const int = (v: number, width: number) => Math.round(v).toLocaleString('en-US').padStart(width);

/** Per rule set and cardinality class: cost figures. */
export function costSummary(costs: SloCost[], live: LiveTiming[] | undefined, high: boolean) {
  const selected = costs.filter((c) => (c.slo === HIGH_CARDINALITY_SLO) === high);
  const groups = selected.flatMap((c) => c.groups);
  const perEval = groups.reduce((s, g) => s + g.samples, 0);
  const perHour = groups.reduce((s, g) => s + (g.samples * 3600) / g.intervalSeconds, 0);
  const window = selected.flatMap((c) => c.window);
  const windowPerEval = window.reduce((s, w) => s + w.samples, 0);
  const windowPerHour = window.reduce((s, w) => s + (w.samples * 3600) / w.intervalSeconds, 0);
  const series = groups.reduce((s, g) => s + g.series, 0);
  const names = new Set(groups.map((g) => g.group));
  const timings = (live ?? []).filter((t) => names.has(t.group));
  const evalSeconds = timings.length ? timings.reduce((s, t) => s + t.evaluationSeconds, 0) : undefined;
  const liveErrors = timings.filter((t) => t.health !== 'ok').map((t) => `${t.group}: ${t.lastError ?? t.health}`);
  return { slos: selected.length, perEval, perHour, windowPerEval, windowPerHour, series, evalSeconds, liveErrors };
}

/** Prints the tables; returns the failures of the small version's assertions (ours only). */
export function printReport(r: BenchResult): string[] {
  const failures: string[] = [];
  const sets = [...new Set(r.accuracy.map((a) => a.set))];
  const slos = [...new Set(r.accuracy.map((a) => a.slo))];
  const line = (text = '') => console.log(text);

  line('\n== Accuracy of the 30d SLI and budget remaining (points of the error budget) ==');
  line(
    '   error = (rule set - exact) / (1 - target) x 100; exact = sum of bad / sum of total events over (T - 30d, T]'
  );
  line(
    `   ${r.accuracy.length / Math.max(1, sets.length)} comparisons per rule set (${slos.length} SLOs x ${new Set(r.accuracy.map((a) => a.instant)).size} instants)`
  );
  line(
    pad('rule set', 18) +
      ['SLI worst', 'SLI mean', 'budget worst', 'budget mean', 'missing', 'NaN/Inf recorded']
        .map((h) => h.padStart(14))
        .join('')
  );
  for (const set of sets) {
    const rows = r.accuracy.filter((a) => a.set === set);
    const sli = stats(rows.map(errPP));
    const rem = stats(rows.map(remainingErrPP));
    const missing = rows.filter(
      (a) => a.exact !== undefined && (a.ratio === undefined || !Number.isFinite(a.ratio))
    ).length;
    const scans = r.nan[set] ?? [];
    const nanCount = scans.reduce((s, x) => s + x.nan + x.inf, 0);
    const samples = scans.reduce((s, x) => s + x.samples, 0);
    line(
      pad(TITLES[set] ?? set, 18) +
        [
          num(sli.worst, 4, 14),
          num(sli.mean, 4, 14),
          num(rem.worst, 4, 14),
          num(rem.mean, 4, 14),
          `${missing}/${rows.length}`.padStart(14),
          `${nanCount.toLocaleString('en-US')} of ${samples.toLocaleString('en-US')}`.padStart(24),
        ].join('')
    );
  }
  line(
    '   missing: instants where the rule set gives no finite 30d figure although there was traffic (NaN or absent).'
  );
  const directRows = r.accuracy.filter((a) => a.set === 'burnrate' && a.direct !== undefined);
  if (directRows.length) {
    const d = stats(
      directRows.map((a) => (a.exact === undefined ? undefined : ((a.direct! - a.exact) / a.budget) * 100))
    );
    line(
      `   ours with a window ending at T (the 5m rate samples of (T - 30d, T], no tile lag; measured with a direct sum):` +
        ` worst ${d.worst.toFixed(4)}, mean ${d.mean.toFixed(4)}`
    );
  }

  line('\n-- worst |error| of the 30d SLI per SLO (points of budget) --');
  line(pad('SLO', 24) + sets.map((s) => (TITLES[s] ?? s).padStart(18)).join(''));
  for (const slo of slos) {
    line(
      pad(slo, 24) +
        sets
          .map((set) => {
            const rows = r.accuracy.filter((a) => a.set === set && a.slo === slo);
            const s = stats(rows.map(errPP));
            const missing = rows.filter(
              (a) => a.exact !== undefined && (a.ratio === undefined || !Number.isFinite(a.ratio))
            ).length;
            return (missing ? `${num(s.worst, 4, 0)} (${missing} NaN)` : num(s.worst, 4, 0)).padStart(18);
          })
          .join('')
    );
  }

  const ours = r.accuracy.filter((a) => a.set === 'burnrate');
  line('\n-- Burnrate (ours) at each instant (points of budget) --');
  line('   err = ours - exact; bound: |err| <= 0.01 everywhere (the tiles are exact increases of the counters,');
  line('   and the budget adds the events since the last tile and removes those older than T - window).');
  line('   lag band, for comparison: the largest |exact ratio of a window ending 0..15 min earlier - exact|,');
  line('   what a window ending at the last tile (and 5m rates) could be off.');
  line(
    pad('SLO', 24) + pad('instant', 30) + ['exact ratio', 'err', 'lag band', ''].map((h) => h.padStart(11)).join('')
  );
  for (const row of ours) {
    const err = errPP(row);
    let status = 'ok';
    if (row.exact === undefined) {
      status = 'no traffic';
    } else if (err === undefined || !(Math.abs(err) <= TOLERANCE_PP)) {
      status = 'OVER';
      failures.push(`${row.slo} at ${row.instant}: error ${err?.toFixed(4)} pp > ${TOLERANCE_PP} pp`);
    }
    line(
      pad(row.slo, 24) +
        pad(row.instant, 30) +
        [num(row.exact, 7, 11), num(err, 4, 11), num(bandPP(row), 4, 11), `  ${status}`].join('')
    );
  }

  line('\n== Burn rates at the same instants: |rule set - exact burn over (T - w, T]| (burn rate units) ==');
  line(
    pad('rule set', 18) +
      ['windows', 'worst <=1h', 'mean <=1h', 'worst >1h', 'mean >1h', 'NaN values', 'absent']
        .map((h) => h.padStart(12))
        .join('')
  );
  for (const set of sets) {
    const rows = r.burns.filter((b) => b.set === set);
    const windows = [...new Set(rows.map((b) => b.window))];
    const err = (b: BurnRow) => (b.exact === undefined || b.value === undefined ? undefined : b.value - b.exact);
    const shortRows = rows.filter(
      (b) => b.seconds <= 3600 && b.exact !== undefined && b.value !== undefined && Number.isFinite(b.value)
    );
    const longRows = rows.filter(
      (b) => b.seconds > 3600 && b.exact !== undefined && b.value !== undefined && Number.isFinite(b.value)
    );
    const s = stats(shortRows.map(err));
    const l = stats(longRows.map(err));
    const nanValues = rows.filter((b) => b.value !== undefined && !Number.isFinite(b.value)).length;
    const absent = rows.filter((b) => b.value === undefined).length;
    line(
      pad(TITLES[set] ?? set, 18) +
        [
          windows.join(',').length > 11 ? `${windows.length}` : windows.join(','),
          num(s.worst, 3, 12),
          num(s.mean, 3, 12),
          num(l.worst, 3, 12),
          num(l.mean, 3, 12),
          `${nanValues}/${rows.length}`.padStart(12),
          `${absent}`.padStart(12),
        ].join('')
    );
    const nanNoTraffic = rows.filter(
      (b) => b.value !== undefined && !Number.isFinite(b.value) && b.exact === undefined
    ).length;
    if (nanValues) {
      line(`   ${set}: ${nanValues} NaN/Inf burn rates, ${nanNoTraffic} of them over windows without traffic`);
    }
  }

  line('\n-- burn rates: worst |error| per window (burn rate units; NaN: NaN values, -: absent everywhere) --');
  for (const set of sets) {
    const rows = r.burns.filter((b) => b.set === set);
    const windows = [...new Map(rows.map((b) => [b.window, b.seconds])).entries()].sort((a, b) => a[1] - b[1]);
    const cells = windows.map(([w]) => {
      const wr = rows.filter((b) => b.window === w);
      const e = stats(wr.map((b) => (b.exact === undefined || b.value === undefined ? undefined : b.value - b.exact)));
      return `${w} ${Number.isNaN(e.worst) ? '-' : e.worst.toFixed(2)}`;
    });
    line(`   ${pad(TITLES[set] ?? set, 18)} ${cells.join('  ')}`);
  }

  line('\n== Cost ==');
  line(
    `   samples: Prometheus's totalQueryableSamples of every rule of every group, evaluated once at ${new Date(r.costTime * 1000).toISOString()};`
  );
  line('   per hour: each group x its evaluations per hour. 30d window: the rules that compute the SLO window');
  line(
    '   (ours: window sums and window starts, and budget remaining; Sloth: ratio_rate30d; Pyrra: increase + availability).'
  );
  line('   eval time: sum over the groups of the median of /api/v1/rules evaluationTime, rules live every 10s.');
  line(
    pad('rule set', 18) +
      pad('SLOs', 22) +
      ['samples/eval', 'samples/hour', '30d/eval', '30d/hour', 'series', 'eval ms'].map((h) => h.padStart(14)).join('')
  );
  for (const set of sets) {
    for (const high of [false, true]) {
      const c = costSummary(r.costs[set] ?? [], r.live[set], high);
      if (c.slos === 0) {
        continue;
      }
      line(
        pad(TITLES[set] ?? set, 18) +
          pad(high ? `${HIGH_CARDINALITY_SLO} (200 series)` : `${c.slos} SLOs (2-7 series)`, 22) +
          [
            int(c.perEval, 14),
            int(c.perHour, 14),
            int(c.windowPerEval, 14),
            int(c.windowPerHour, 14),
            int(c.series, 14),
            num(c.evalSeconds === undefined ? undefined : c.evalSeconds * 1000, 1, 14),
          ].join('')
      );
      for (const e of c.liveErrors) {
        line(`   live error: ${e}`);
      }
    }
  }
  const directCost = (r.costs.burnrate ?? []).filter((c) => c.direct !== undefined);
  if (directCost.length) {
    line(
      `   ours without tiles (window from the 5m rates, for comparison): ${int(
        directCost.filter((c) => c.slo !== HIGH_CARDINALITY_SLO).reduce((a, c) => a + (c.direct ?? 0), 0),
        0
      )} samples per evaluation for the ${directCost.filter((c) => c.slo !== HIGH_CARDINALITY_SLO).length} low-cardinality SLOs`
    );
  }
  line('\n-- 30d window samples per evaluation, per SLO --');
  line(
    pad('SLO', 24) +
      pad('source series', 14) +
      sets.map((s) => (TITLES[s] ?? s).padStart(18)).join('') +
      '   Pyrra / ours'
  );
  const slosWithCost = [
    ...new Set(
      Object.values(r.costs)
        .flat()
        .map((c) => c.slo)
    ),
  ];
  for (const slo of slosWithCost) {
    const perSet = sets.map((set) =>
      (r.costs[set] ?? []).find((c) => c.slo === slo)?.window.reduce((s, w) => s + w.samples, 0)
    );
    const oursW = perSet[sets.indexOf('burnrate')];
    const pyrraW = sets.includes('pyrra') ? perSet[sets.indexOf('pyrra')] : undefined;
    const source = (r.costs.burnrate ?? []).find((c) => c.slo === slo)?.sourceSeries ?? 0;
    line(
      pad(slo, 24) +
        String(source).padStart(13) +
        ' ' +
        perSet.map((v) => (v === undefined ? '-' : int(v, 0)).padStart(18)).join('') +
        (oursW && pyrraW ? `${(pyrraW / oursW).toFixed(1)}x`.padStart(15) : '')
    );
  }

  if (r.scale) {
    const s = r.scale;
    line(
      `\n== Scale: ${s.slos.toLocaleString('en-US')} SLOs in ${s.files} files (${(s.inputBytes / 1e6).toFixed(1)} MB of YAML) ==`
    );
    for (const run of [s.validate, s.rules]) {
      line(
        `   ${pad(run.command, 32)} ${run.wallSeconds.toFixed(1)} s wall${
          run.wallSecondsOfRuns && run.wallSecondsOfRuns.length > 1
            ? ` (median of ${run.wallSecondsOfRuns.map((w) => w.toFixed(1)).join(', ')})`
            : ''
        }${run.cpuSeconds === undefined ? '' : `, ${run.cpuSeconds.toFixed(1)} s CPU`}, peak RSS ${run.peakRssMiB === undefined ? '?' : `${run.peakRssMiB.toFixed(0)} MiB`}` +
          (run.outputBytes
            ? `, output ${(run.outputBytes / 1e6).toFixed(1)} MB (${s.ruleGroups.toLocaleString('en-US')} groups, ${s.ruleCount.toLocaleString('en-US')} rules)`
            : '')
      );
    }
  }
  if (r.bundle) {
    const b = r.bundle;
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
    line(`\n== Bundle (gzip, zlib default level; dist built ${b.builtAt}${b.built ? ', by this run' : ''}) ==`);
    line(`   module.js                     ${kb(b.moduleJs.gzipBytes).padStart(10)}  (${kb(b.moduleJs.bytes)} raw)`);
    for (const c of b.firstPage) {
      line(`   ${pad(c.file, 30)}${kb(c.gzipBytes).padStart(10)}  (${kb(c.bytes)} raw) ${c.holds}`);
    }
    line(`   first page total              ${kb(b.firstPageGzipBytes).padStart(10)}`);
    line(
      `   all chunks                    ${kb(b.allGzipBytes).padStart(10)}  (${b.later.length} chunks loaded later or never: other languages, lazy pages)`
    );
  }

  line('\n== Targets ==');
  const oursRows = r.accuracy.filter((a) => a.set === 'burnrate' && a.exact !== undefined);
  const over = oursRows.filter((a) => !(Math.abs(errPP(a) ?? Infinity) <= TOLERANCE_PP));
  line(
    `   ours 30d SLI within ${TOLERANCE_PP} pp of budget of the exact (T - 30d, T] everywhere: ${over.length === 0 ? 'MET' : `MISSED at ${over.length} of ${oursRows.length}`}`
  );
  for (const a of over) {
    line(`     ${a.slo} at ${a.instant}: ${errPP(a)?.toFixed(4)} pp (lag band ${bandPP(a).toFixed(4)})`);
  }
  const oursNan = (r.nan.burnrate ?? []).reduce((s, x) => s + x.nan + x.inf, 0);
  const oursNanValues =
    oursRows.filter((a) => a.ratio !== undefined && !Number.isFinite(a.ratio)).length +
    r.burns.filter((b) => b.set === 'burnrate' && b.value !== undefined && !Number.isFinite(b.value)).length;
  line(
    `   no NaN or Inf in our series (incl. the zero-traffic service): ${oursNan + oursNanValues === 0 ? 'MET' : `MISSED (${oursNan} recorded, ${oursNanValues} queried)`}`
  );
  if (oursNan + oursNanValues > 0) {
    failures.push(`NaN/Inf: ${oursNan} recorded samples, ${oursNanValues} queried values`);
  }
  if (r.costs.pyrra) {
    for (const mine of ['burnrate'].filter((m) => r.costs[m])) {
      const ratios = slosWithCost.map((slo) => {
        const w = (set: string) => (r.costs[set] ?? []).find((c) => c.slo === slo)?.window ?? [];
        const oursW = w(mine);
        const pyrraW = w('pyrra');
        const perEval = pyrraW.reduce((a, x) => a + x.samples, 0) / oursW.reduce((a, x) => a + x.samples, 0);
        const perHour =
          pyrraW.reduce((a, x) => a + (x.samples * 3600) / x.intervalSeconds, 0) /
          oursW.reduce((a, x) => a + (x.samples * 3600) / x.intervalSeconds, 0);
        return { slo, perEval, perHour };
      });
      const minEval = Math.min(...ratios.map((x) => x.perEval));
      const minHour = Math.min(...ratios.map((x) => x.perHour));
      line(
        `   ${TITLES[mine]}: 30d window samples >= 10x lower than Pyrra-style: per evaluation ${minEval >= 10 ? 'MET' : 'MISSED'} (lowest ${minEval.toFixed(1)}x); ` +
          `per hour ${minHour >= 10 ? 'MET' : 'MISSED'} (lowest ${minHour.toFixed(1)}x)`
      );
      for (const x of ratios) {
        line(`     ${pad(x.slo, 24)} per evaluation ${x.perEval.toFixed(1)}x, per hour ${x.perHour.toFixed(1)}x`);
      }
    }
    const pyrraRows = r.accuracy.filter((a) => a.set === 'pyrra' && a.exact !== undefined);
    const worse = oursRows.filter((a) => {
      const p = pyrraRows.find((x) => x.slo === a.slo && x.instant === a.instant);
      const pe = p ? errPP(p) : undefined;
      const oe = errPP(a);
      return pe !== undefined && Number.isFinite(pe) && oe !== undefined && Math.abs(oe) > Math.abs(pe) + 1e-9;
    });
    line(
      `   no loss of accuracy against Pyrra-style: ours worse at ${worse.length} of ${oursRows.length} comparisons; worst ours ${stats(oursRows.map(errPP)).worst.toFixed(4)} pp, ` +
        `worst Pyrra-style ${stats(pyrraRows.map(errPP)).worst.toFixed(4)} pp`
    );
  }

  line('\n== Timings ==');
  for (const [name, seconds] of r.timings) {
    line(`   ${pad(name, 86)} ${seconds.toFixed(1)} s`);
  }
  line(`   ${pad('total', 86)} ${r.timings.reduce((s, [, t]) => s + t, 0).toFixed(1)} s`);
  return failures;
}
