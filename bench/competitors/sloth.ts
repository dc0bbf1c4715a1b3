/**
 * Sloth-style rules for a Burnrate SLO, written in our own code from Sloth's public documentation and
 * the shape of the rules it generates (sloth.dev, github.com/slok/sloth, v0.11+ with its default
 * "optimized" SLI plugin):
 *
 * - `sloth-slo-sli-recordings-<id>`: `slo:sli_error:ratio_rate<w>` = error rate / total rate over each
 *   alert window w (5m, 30m, 1h, 2h, 6h, 1d, 3d for 30d), each read from the source counters, and
 *   `slo:sli_error:ratio_rate30d` = `sum_over_time(ratio_rate5m[30d]) / ignoring (sloth_window)
 *   count_over_time(ratio_rate5m[30d])`: a mean of the 5m ratios.
 * - `sloth-slo-meta-recordings-<id>`: objective, error budget, period, current and period burn rate,
 *   budget remaining (`1 - period burn rate`), info.
 * - `sloth-slo-alerts-<id>`: the two multi-window multi-burn-rate alerts (page: 14.4x 5m/1h or 6x
 *   30m/6h; ticket: 3x 2h/1d or 1x 6h/3d), `max(... > factor * budget) without (sloth_window)`.
 *
 * Sloth's groups have no interval (they run at the global evaluation_interval); the benchmark gives
 * them 30s, as Burnrate's base group. Windows other than 30d scale Sloth's 30d windows.
 */
import Big from 'big.js';
import type { Slo } from '../../src/slo/types';
import { errorBudgetText, type AlertingRule, type RecordingRule, type RuleGroup } from '../../src/rules/build';
import { parseVectorSelector } from '../../src/promql/parse';
import { formatSelector, sumBy } from '../../src/promql/format';
import { leMatcher } from '../../src/promql/sli';
import { formatPromDuration } from '../../src/slo/duration';
import { pick, sloWindowSeconds, type RuleSet } from '../rulesets';

const INTERVAL = '30s';

/** Sloth's alert windows for a 30d SLO (its default AlertWindows spec). */
const SLOTH_WINDOWS_30D = {
  pageQuick: { short: 300, long: 3600, factor: '14.4' },
  pageSlow: { short: 1800, long: 6 * 3600, factor: '6' },
  ticketQuick: { short: 2 * 3600, long: 86400, factor: '3' },
  ticketSlow: { short: 6 * 3600, long: 3 * 86400, factor: '1' },
};

/** Error and total rate expressions with `{{.window}}`, as a Sloth user would write them. */
function sliQueries(slo: Slo): { errors: string; total: string } {
  const ind = slo.indicator;
  const by = ind.groupBy;
  const rate = (selector: string) => sumBy(by, `rate(${selector}[{{.window}}])`);
  switch (ind.type) {
    case 'ratio': {
      const total = rate(formatSelector(parseVectorSelector(ind.total)));
      if (ind.bad !== undefined) {
        return { errors: rate(formatSelector(parseVectorSelector(ind.bad))), total };
      }
      return { errors: `${total} - ${rate(formatSelector(parseVectorSelector(ind.good ?? '')))}`, total };
    }
    case 'latency': {
      if (ind.native) {
        throw new Error('Sloth-style rules: native histograms are not written here');
      }
      const h = parseVectorSelector(ind.histogram);
      const count = formatSelector({ metric: `${h.metric}_count`, matchers: h.matchers });
      const bucket = formatSelector({
        metric: `${h.metric}_bucket`,
        matchers: [...h.matchers, leMatcher(ind.threshold)],
      });
      return { errors: `${rate(count)} - ${rate(bucket)}`, total: rate(count) };
    }
    default:
      throw new Error(`Sloth-style rules: ${ind.type} indicators are not written here`);
  }
}

function duration(seconds: number): string {
  return formatPromDuration(Math.round(seconds));
}

export const sloth: RuleSet = {
  name: 'sloth',
  title: 'Sloth-style',
  build(slo) {
    const objective = slo.objectives[0];
    const budgetText = errorBudgetText(objective.target);
    const budget = Number(budgetText);
    const windowSeconds = sloWindowSeconds(slo);
    const scale = windowSeconds / (30 * 86400);
    const period = duration(windowSeconds);
    const id = `${slo.service}-${slo.name}`;
    const idLabels = { sloth_id: id, sloth_service: slo.service, sloth_slo: slo.name };
    const filter = `{sloth_id="${id}", sloth_service="${slo.service}", sloth_slo="${slo.name}"}`;
    const alerts = Object.fromEntries(
      Object.entries(SLOTH_WINDOWS_30D).map(([k, w]) => [
        k,
        { short: duration(w.short * scale), long: duration(w.long * scale), factor: w.factor },
      ])
    ) as Record<keyof typeof SLOTH_WINDOWS_30D, { short: string; long: string; factor: string }>;
    const windows = [...new Set(Object.values(alerts).flatMap((w) => [w.short, w.long]))];
    const seconds = (w: string) =>
      Object.entries(SLOTH_WINDOWS_30D)
        .flatMap(([k, v]) => {
          const a = alerts[k as keyof typeof alerts];
          return [
            [a.short, v.short * scale],
            [a.long, v.long * scale],
          ] as Array<[string, number]>;
        })
        .find(([name]) => name === w)![1];
    windows.sort((a, b) => seconds(a) - seconds(b));
    const shortest = windows[0];

    const { errors, total } = sliQueries(slo);
    const metric = (w: string) => `slo:sli_error:ratio_rate${w}`;
    const sliRules: RecordingRule[] = windows.map((w) => ({
      record: metric(w),
      expr: `(${errors.replace(/\{\{\.window\}\}/g, w)}) / (${total.replace(/\{\{\.window\}\}/g, w)})`,
      labels: { ...idLabels, sloth_window: w },
    }));
    const windowRule: RecordingRule = {
      record: metric(period),
      expr:
        `sum_over_time(${metric(shortest)}${filter}[${period}])` +
        ` / ignoring (sloth_window) count_over_time(${metric(shortest)}${filter}[${period}])`,
      labels: { ...idLabels, sloth_window: period },
    };
    const burn = (m: string) =>
      `${m}${filter} / on (sloth_id, sloth_slo, sloth_service) group_left slo:error_budget:ratio${filter}`;
    const target = new Big(objective.target).toString();
    const metaRules: RecordingRule[] = [
      { record: 'slo:objective:ratio', expr: `vector(${target})`, labels: idLabels },
      { record: 'slo:error_budget:ratio', expr: `vector(1 - ${target})`, labels: idLabels },
      { record: 'slo:time_period:days', expr: `vector(${windowSeconds / 86400})`, labels: idLabels },
      { record: 'slo:current_burn_rate:ratio', expr: burn(metric(shortest)), labels: idLabels },
      { record: 'slo:period_burn_rate:ratio', expr: burn(metric(period)), labels: idLabels },
      {
        record: 'slo:period_error_budget_remaining:ratio',
        expr: `1 - slo:period_burn_rate:ratio${filter}`,
        labels: idLabels,
      },
      {
        record: 'sloth_slo_info',
        expr: 'vector(1)',
        labels: { ...idLabels, sloth_mode: 'cli-gen-prom', sloth_spec: 'prometheus/v1', sloth_objective: target },
      },
    ];
    const condition = (w: string, factor: string) =>
      `max(${metric(w)}${filter} > (${factor} * ${budgetText})) without (sloth_window)`;
    const alert = (
      name: string,
      severity: string,
      quick: { short: string; long: string; factor: string },
      slow: typeof quick
    ): AlertingRule => ({
      alert: name,
      expr:
        `(${condition(quick.short, quick.factor)} and ${condition(quick.long, quick.factor)})` +
        ` or (${condition(slow.short, slow.factor)} and ${condition(slow.long, slow.factor)})`,
      labels: { sloth_severity: severity },
      annotations: {
        title: `(${severity}) {{$labels.sloth_service}} {{$labels.sloth_slo}} SLO error budget burn rate is too fast.`,
        summary: '{{$labels.sloth_service}} {{$labels.sloth_slo}} SLO error budget burn rate is over expected.',
      },
    });
    // Sloth asks for an alert name per SLO.
    const alertPrefix = slo.name.replace(/(^|[-_.])([a-z0-9])/g, (_, _sep, c: string) => c.toUpperCase());
    const groups: RuleGroup[] = [
      { name: `sloth-slo-sli-recordings-${id}`, interval: INTERVAL, rules: [...sliRules, windowRule] },
      { name: `sloth-slo-meta-recordings-${id}`, interval: INTERVAL, rules: metaRules },
      {
        name: `sloth-slo-alerts-${id}`,
        interval: INTERVAL,
        rules: [
          alert(`${alertPrefix}PageBurn`, 'page', alerts.pageQuick, alerts.pageSlow),
          alert(`${alertPrefix}TicketBurn`, 'ticket', alerts.ticketQuick, alerts.ticketSlow),
        ],
      },
    ];
    return {
      slo,
      budget,
      groups,
      history: [pick(groups, (name) => name === metric(shortest))],
      atInstant: pick(groups, (name) => name.startsWith('slo:sli_error:') && name !== metric(shortest)),
      windowRatio: `${metric(period)}${filter}`,
      // slo:period_error_budget_remaining:ratio, with the meta rules it reads written out.
      budgetRemaining: `1 - ${metric(period)}${filter} / ${budgetText}`,
      burns: windows.map((w) => ({ window: w, seconds: seconds(w), expr: `${metric(w)}${filter} / ${budgetText}` })),
      windowRules: [{ expr: windowRule.expr, intervalSeconds: 30 }],
      seriesMatcher: `sloth_id="${id}"`,
    };
  },
};
