/**
 * Pyrra-style rules for a Burnrate SLO, written in our own code from Pyrra's public documentation and
 * the shape of the rules it generates (pyrra.dev, github.com/pyrra-dev/pyrra, without the optional
 * "performance over accuracy" mode):
 *
 * - `<slo>-increase`, at an interval that grows with the window (150s for 28-35d windows):
 *   `<metric>:increase<window>` = `sum by (<labels that tell errors from total>) (increase(<total
 *   selector>[<window>]))`, read directly from the source counters, and an absent alert.
 * - `<slo>`, at 30s: `<metric>:burnrate<w>` = `sum(rate(errors[w])) / sum(rate(total[w]))` for the
 *   windows of its four multi-window alerts, each read from the source counters (for 30d: 5m, 32m,
 *   1h4m, 2h9m, 6h26m, 1d1h43m, 4d6h51m: the 28d workbook windows scaled), and the alerts
 *   `short > factor * (1 - target) and long > factor * (1 - target)` (factors 14, 7, 2, 1).
 * - `<slo>-generic` (Pyrra's optional generic rules), at 30s: `pyrra_availability` =
 *   `1 - sum(errors increase or vector(0)) / sum(total increase)` over the window.
 */
import type { Slo } from '../../src/slo/types';
import { errorBudgetText, type AlertingRule, type RecordingRule, type RuleGroup } from '../../src/rules/build';
import { parseVectorSelector, type LabelMatcher, type VectorSelector } from '../../src/promql/parse';
import { formatMatcher, formatSelector, sumBy } from '../../src/promql/format';
import { leMatcher } from '../../src/promql/sli';
import { pick, sloWindowSeconds, type RuleSet } from '../rulesets';

const DAY = 86400;

/** Prometheus's model.Duration text (years, weeks, days, ...), which Pyrra uses in rule names. */
export function modelDuration(seconds: number): string {
  let ms = Math.round(seconds * 1000);
  let out = '';
  for (const [unit, size] of [
    ['y', 365 * DAY * 1000],
    ['w', 7 * DAY * 1000],
    ['d', DAY * 1000],
    ['h', 3600_000],
    ['m', 60_000],
    ['s', 1000],
    ['ms', 1],
  ] as const) {
    const n = Math.floor(ms / size);
    if (n > 0) {
      out += `${n}${unit}`;
      ms -= n * size;
    }
  }
  return out || '0s';
}

/** Go's Duration.Round(time.Minute) of seconds. */
function roundMinute(seconds: number): number {
  return Math.round(seconds / 60) * 60;
}

/** Pyrra's Windows(): the 28d workbook alert windows scaled to the SLO window. */
export function pyrraWindows(window: number) {
  return [
    {
      severity: 'critical',
      long: roundMinute(window / (28 * 24)),
      short: roundMinute(window / (28 * 24 * 12)),
      for: roundMinute(window / (28 * 24 * 30)),
      factor: 14,
    },
    {
      severity: 'critical',
      long: roundMinute(window / (28 * 4)),
      short: roundMinute(window / (28 * 24 * 2)),
      for: roundMinute(window / (28 * 24 * 4)),
      factor: 7,
    },
    {
      severity: 'warning',
      long: roundMinute(window / 28),
      short: roundMinute(window / (28 * 12)),
      for: roundMinute(window / (28 * 24)),
      factor: 2,
    },
    {
      severity: 'warning',
      long: roundMinute(window / 7),
      short: roundMinute(window / (28 * 4)),
      for: roundMinute(window / (28 * 8)),
      factor: 1,
    },
  ];
}

/** Pyrra's increaseInterval(): 30s under 7d, +30s per week. */
function increaseInterval(window: number): number {
  const weeks = Math.floor(window / (7 * DAY));
  return Math.min(240, 30 + 30 * weeks);
}

interface Shape {
  total: VectorSelector;
  /** Errors (ratio) or successes (latency: the le bucket). */
  errors: VectorSelector;
  latency: boolean;
}

function shapeOf(slo: Slo): Shape {
  const ind = slo.indicator;
  if (ind.type === 'ratio' && ind.bad !== undefined) {
    return { total: parseVectorSelector(ind.total), errors: parseVectorSelector(ind.bad), latency: false };
  }
  if (ind.type === 'latency' && !ind.native) {
    const h = parseVectorSelector(ind.histogram);
    return {
      total: { metric: `${h.metric}_count`, matchers: h.matchers },
      errors: { metric: `${h.metric}_bucket`, matchers: [...h.matchers, leMatcher(ind.threshold)] },
      latency: true,
    };
  }
  throw new Error(`Pyrra-style rules: only ratio (bad) and classic latency SLOs are written here, not ${slo.name}`);
}

function metricBase(name: string): string {
  return name
    .replace(/_total$/, '')
    .replace(/_count$/, '')
    .replace(/_bucket$/, '');
}

export const pyrra: RuleSet = {
  name: 'pyrra',
  title: 'Pyrra-style',
  build(slo) {
    const objective = slo.objectives[0];
    const budgetText = errorBudgetText(objective.target);
    const budget = Number(budgetText);
    const window = sloWindowSeconds(slo);
    const windowText = modelDuration(window);
    const { total, errors, latency } = shapeOf(slo);
    const name = slo.name;

    // Labels of the recorded series: slo and the equality matchers of the total selector.
    const equality = (ms: LabelMatcher[]) => ms.filter((m) => m.op === '=');
    const ruleLabels: Record<string, string> = { slo: name };
    for (const m of equality(total.matchers)) {
      ruleLabels[m.name] = m.value;
    }
    // The increase keeps the labels that tell errors from total (and regex labels of total).
    const totalNames = new Set(total.matchers.map((m) => m.name));
    const grouping = new Set(slo.indicator.groupBy);
    for (const m of errors.matchers) {
      if (!totalNames.has(m.name) && m.name !== 'le') {
        grouping.add(m.name);
      }
    }
    for (const m of total.matchers) {
      if (m.op === '=~' || m.op === '!~') {
        grouping.add(m.name);
      }
    }
    const by = [...grouping].sort();
    for (const g of by) {
      delete ruleLabels[g];
    }

    const increase = (sel: VectorSelector, range: string) => sumBy(by, `increase(${formatSelector(sel)}[${range}])`);
    const increaseName = (metric: string) => `${metricBase(metric)}:increase${windowText}`;
    const interval = increaseInterval(window);
    const increaseRules: RecordingRule[] = [
      { record: increaseName(total.metric), expr: increase(total, windowText), labels: ruleLabels },
    ];
    if (latency) {
      const le = errors.matchers.find((m) => m.name === 'le')!.value;
      increaseRules.push({
        record: increaseName(errors.metric),
        expr: increase(errors, windowText),
        labels: { ...ruleLabels, le },
      });
    } else if (errors.metric !== total.metric) {
      increaseRules.push({
        record: increaseName(errors.metric),
        expr: increase(errors, windowText),
        labels: ruleLabels,
      });
    }
    const windows = pyrraWindows(window);
    const absentFor = roundMinute(windows[0].factor * budget * windows[0].long + windows[0].for);
    const absentAlerts: AlertingRule[] = [total, ...(latency ? [errors] : [])].map((sel) => ({
      alert: 'SLOMetricAbsent',
      expr: `absent(${formatSelector(sel)}) == 1`,
      for: modelDuration(absentFor),
      labels: {
        ...ruleLabels,
        ...(sel === errors && { le: errors.matchers.find((m) => m.name === 'le')?.value ?? '' }),
        severity: 'critical',
      },
      annotations: {},
    }));

    // Burn rates from the source counters.
    const rate = (sel: VectorSelector, range: string) =>
      sumBy(slo.indicator.groupBy, `rate(${formatSelector(sel)}[${range}])`);
    const burnrateName = (seconds: number) => `${metricBase(total.metric)}:burnrate${modelDuration(seconds)}`;
    const ranges = [...new Set(windows.flatMap((w) => [w.short, w.long]))].sort((a, b) => a - b);
    const burnRules: RecordingRule[] = ranges.map((seconds) => {
      const range = modelDuration(seconds);
      const expr = latency
        ? `(${rate(total, range)} - ${rate(errors, range)}) / ${rate(total, range)}`
        : `${rate(errors, range)} / ${rate(total, range)}`;
      return { record: burnrateName(seconds), expr, labels: ruleLabels };
    });
    const alertMatchers = [
      ...total.matchers.filter((m) => !(m.op === '=~' || m.op === '!~') || grouping.has(m.name)),
      { name: 'slo', op: '=', value: name } as LabelMatcher,
    ];
    const matcherText = alertMatchers.map(formatMatcher).sort().join(',');
    const target = objective.target;
    const burnAlerts: AlertingRule[] = windows.map((w) => ({
      alert: 'ErrorBudgetBurn',
      expr:
        `${burnrateName(w.short)}{${matcherText}} > (${w.factor} * (1-${target}))` +
        ` and ${burnrateName(w.long)}{${matcherText}} > (${w.factor} * (1-${target}))`,
      for: modelDuration(w.for),
      labels: {
        ...ruleLabels,
        short: modelDuration(w.short),
        long: modelDuration(w.long),
        severity: w.severity,
        exhaustion: modelDuration(window / w.factor),
      },
      annotations: {},
    }));

    // Generic rules: the availability over the window from the recorded increases.
    const recordedTotal = formatSelector({
      metric: increaseName(total.metric),
      matchers: [
        ...total.matchers,
        ...(latency ? [{ name: 'le', op: '=', value: '' } as LabelMatcher] : []),
        { name: 'slo', op: '=', value: name },
      ],
    });
    const recordedErrors = formatSelector({
      metric: increaseName(errors.metric),
      matchers: [...errors.matchers, { name: 'slo', op: '=', value: name }],
    });
    const availability = latency
      ? `sum(${recordedErrors} or vector(0)) / sum(${recordedTotal})`
      : `1 - sum(${recordedErrors} or vector(0)) / sum(${recordedTotal})`;
    const genericRules: RecordingRule[] = [
      { record: 'pyrra_objective', expr: target, labels: { slo: name } },
      { record: 'pyrra_window', expr: String(window), labels: { slo: name } },
      { record: 'pyrra_availability', expr: availability, labels: { slo: name } },
    ];

    const groups: RuleGroup[] = [
      { name: `${name}-increase`, interval: `${interval}s`, rules: [...increaseRules, ...absentAlerts] },
      { name, interval: '30s', rules: [...burnRules, ...burnAlerts] },
      { name: `${name}-generic`, interval: '30s', rules: genericRules },
    ];
    const increaseRecords = new Set(increaseRules.map((r) => r.record));
    return {
      slo,
      budget,
      groups,
      history: [],
      atInstant: pick(groups, (record) => increaseRecords.has(record) || record.includes(':burnrate')),
      windowRatio: `1 - (${availability})`,
      budgetRemaining: `1 - (1 - (${availability})) / ${budgetText}`,
      burns: ranges.map((seconds) => ({
        window: modelDuration(seconds),
        seconds,
        expr: `${burnrateName(seconds)}{slo="${name}"} / ${budgetText}`,
      })),
      windowRules: [
        ...increaseRules.map((r) => ({ expr: r.expr, intervalSeconds: interval })),
        { expr: availability, intervalSeconds: 30 },
      ],
      seriesMatcher: `slo="${name}", __name__=~"${metricBase(total.metric)}:.+|pyrra_.+"`,
    };
  },
};
