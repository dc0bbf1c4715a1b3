import fc from 'fast-check';
import { quotePromqlString } from '../promql/format';

/**
 * Native SLO documents with hostile text and numbers, for property tests of the rule: every SLO that
 * validates gives rules Prometheus accepts (tests/promtool/hostile.ts runs promtool on them). Ordinary
 * values are drawn often enough that about half of the documents validate.
 */

/** Mostly ordinary values, sometimes hostile ones: each hostile choice alone keeps most SLOs valid. */
function mostly<T, U>(ordinary: fc.Arbitrary<T>, hostile: fc.Arbitrary<U>): fc.Arbitrary<T | U> {
  return fc.oneof({ arbitrary: ordinary, weight: 9 }, { arbitrary: hostile, weight: 1 });
}

/** Pieces of text that templates, YAML, PromQL, CSV or Markdown could read as something else. */
const FRAGMENTS = [
  '{{',
  '}}',
  '{{ unclosed',
  '{{ 40 + 2 }}',
  '{{ query "up" }}',
  '{{ "{{" }}',
  '$value',
  '?q=$value',
  '"',
  "'",
  '`',
  '\\',
  '#',
  ' # ',
  '\n',
  '\r',
  '\t',
  '\u2028',
  '\u2029',
  '\u0085',
  '\u007f',
  '\u0000',
  '\u009b',
  '\ufeff',
  '\ufffe',
  'é',
  '😀',
  ' ',
  '-',
  '=',
  '@',
  '%',
  ': ',
  '{',
  '}',
  '|',
  '---',
];

const fragments = fc
  .array(fc.constantFrom(...FRAGMENTS), { minLength: 1, maxLength: 6 })
  .map((parts) => parts.join(''));

/** Text of the SLO: ordinary, any code points, or pieces that mean something somewhere. */
export const hostileText = fc.oneof(
  { arbitrary: fc.constantFrom('checkout', 'api-gateway', 'https://runbooks.example.com/a'), weight: 3 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 12 }), weight: 1 },
  { arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 12 }), weight: 1 },
  { arbitrary: fragments, weight: 4 },
  {
    arbitrary: fc.tuple(fc.constantFrom('checkout', 'https://x.example.com/'), fragments).map(([a, b]) => a + b),
    weight: 3,
  }
);

/**
 * Links of the SLO: mostly web links whose path holds hostile text (the annotations that reach alerts must be
 * http(s) URLs or Grafana paths), sometimes any text (refused).
 */
const hostileLink = fc.oneof(
  { arbitrary: hostileText.map((text) => `https://runbooks.example.com/${text.replace(/\s/gu, '')}`), weight: 4 },
  { arbitrary: hostileText.map((text) => `/d/${text.replace(/\s/gu, '')}`), weight: 1 },
  { arbitrary: hostileText, weight: 1 }
);

/** PromQL string literals: quoted text, escapes Prometheus reads as bytes, and escapes it refuses. */
const stringLiteral = fc.oneof(
  { arbitrary: hostileText.map(quotePromqlString), weight: 4 },
  {
    arbitrary: fc.constantFrom(
      '"caf\\xc3\\xa9"',
      '"caf\\303\\251"',
      '"\\U0001F600\\u00e9"',
      "'it\\'s'",
      '`raw\\q`',
      '"\\a\\b\\f\\v"',
      '"\\q"',
      '"\\xff"',
      '"\\xc3"',
      '"\\ud800"',
      '"\\400"',
      "'\\\"'",
      '"\\\'"'
    ),
    weight: 2,
  }
);

// No UTF-8 metric names (`{"http.requests"}`): Prometheus reads them from 3.0 on only.
const selector = fc
  .tuple(fc.constantFrom('http_requests_total', 'jobs_total'), stringLiteral)
  .map(([metric, value]) => `${metric}{job=${value}}`);

/** Expressions of threshold and advanced SLIs: ordinary, commented, of another type, out of range. */
const expression = fc.oneof(
  {
    arbitrary: fc.constantFrom(
      'sum(rate(http_requests_total[{{.window}}]))',
      'sum by (code) (rate(http_requests_total{code=~"5.."}[5m]))',
      'time() - max(last_success_timestamp_seconds)',
      'up'
    ),
    weight: 4,
  },
  {
    arbitrary: fc.constantFrom(
      'up # a comment',
      'sum(rate(x[5m])) # ) unclosed in a comment',
      'up\n# a last line',
      '# first\nup',
      '"a string"',
      '1',
      'vector(1)',
      'scalar(up)',
      'time()',
      'up[5m]',
      'rate(up[5m])[10m:]',
      'up > 1e+400',
      'up > 1e-400',
      'sum_over_time(up[99999999999d])',
      'up offset 106752d',
      '-up',
      '(up)',
      'up @ 100',
      'label_replace(up, "a", "$1", "b", "(.*)")',
      'sum(rate(x{a="\\q"}[5m]))'
    ),
    weight: 3,
  },
  {
    arbitrary: fc
      .tuple(fc.constantFrom('up{job=', 'count(x{a='), stringLiteral)
      .map(([a, b]) => `${a}${b}}${a.startsWith('count') ? ')' : ''}`),
    weight: 2,
  }
);

/** Numbers as YAML gives them: numbers, and text of any size. */
const number = mostly(
  fc.constantFrom(0.3, 0.5, 1, 60, '0.25', '300'),
  fc.oneof(
    fc.constantFrom(
      '1' + '0'.repeat(400),
      '1e+400',
      '-1e+400',
      '1e-400',
      '1e308',
      '1.8e308',
      '0.' + '0'.repeat(400) + '1',
      '-1',
      '0',
      'NaN',
      'Infinity',
      '0x10',
      ' 5 '
    ),
    fc.double()
  )
);

const target = mostly(
  fc.constantFrom(0.999, '99.9%', 0.99, '95%'),
  fc.constantFrom('0.' + '9'.repeat(400), '1e-400', '0.' + '0'.repeat(400) + '1', 1, '100%')
);

const window = mostly(
  fc.constantFrom('30d', '7d', '28d', 'week', 'month'),
  fc.constantFrom('1h', '1y', '36500d', '36501d', '99999999999d', '100y', '106752d', '0d')
);

const noDataFor = mostly(fc.constantFrom('5m', '30m', '1h', '1d'), fc.constantFrom('99999999999d', '0s', '1ms'));

const labelName = mostly(
  fc.constantFrom('team', 'env', 'tier_x', 'owner'),
  fc.constantFrom('__bad', 'slo', 'a-b', '1x')
);

const labels = fc.dictionary(labelName, hostileText, { maxKeys: 3 });

const indicator = fc.oneof(
  fc.record({ type: fc.constant('ratio'), total: selector, bad: selector }),
  fc.record({ type: fc.constant('ratio'), total: selector, good: selector }),
  fc.record({
    type: fc.constant('latency'),
    histogram: mostly(
      fc.constant('http_request_duration_seconds{job="api"}'),
      fc.constantFrom('h{le="1"}', 'h_bucket')
    ),
    threshold: number,
    native: fc.boolean(),
  }),
  fc.record({
    type: fc.constant('threshold'),
    expr: expression,
    operator: fc.constantFrom('<', '<=', '>', '>='),
    threshold: number,
  }),
  fc.record({ type: fc.constant('advanced'), total: expression, bad: expression })
);

const PRESET_BURN_RATES = [
  { severity: 'page', longWindow: '1h', shortWindow: '5m', factor: 14.4 },
  { severity: 'page', longWindow: '6h', shortWindow: '30m', factor: '6' },
  { severity: 'ticket', longWindow: '1d', shortWindow: '2h', budgetSpent: '10%' },
];

const burnRate = fc.record({
  severity: fc.constantFrom('page', 'ticket'),
  longWindow: fc.constantFrom('1h', '60m', '1d'),
  shortWindow: fc.constantFrom('5m', '2h'),
  factor: number,
});

const alerting = fc.record(
  {
    enabled: mostly(fc.constant(true), fc.constant(false)),
    labels,
    burnRates: mostly(
      fc.subarray(PRESET_BURN_RATES, { minLength: 1 }),
      fc.array(burnRate, { minLength: 1, maxLength: 2 })
    ),
    noData: fc.record({ for: noDataFor }),
    // Its bad durations are checked in validate.test.ts: here the alert's text meets hostile names.
    absent: fc.record({ for: fc.constantFrom('3m', '10m', '1h'), severity: fc.constantFrom('page', 'ticket') }),
    // Names apart from the alert labels above, which the hostile tests find on every alert.
    perSeverity: fc.record({
      page: fc.record({
        labels: fc.dictionary(fc.constantFrom('route', 'queue'), hostileText, { maxKeys: 2 }),
        annotations: fc.dictionary(fc.constantFrom('summary', 'playbook'), hostileText, { maxKeys: 2 }),
      }),
    }),
    minBadEvents: mostly(fc.constantFrom(1, 10), fc.constant(1e21)),
    budgetLeft: fc.record(
      { below: mostly(fc.constantFrom('25%', 0.1, '50%'), number), severity: fc.constantFrom('page', 'ticket') },
      { requiredKeys: ['below'] }
    ),
    exhaustion: fc.record(
      {
        within: mostly(fc.constantFrom('3d', '12h', '1w'), fc.constantFrom('0s', '99999999999d', 'soon')),
        burnWindow: mostly(fc.constantFrom('6h', '1h', '1d'), fc.constantFrom('1s', '400d', '')),
        severity: fc.constantFrom('page', 'ticket'),
        whenLeftBelow: mostly(fc.constantFrom('90%', 1, '0.5'), number),
      },
      { requiredKeys: ['within'] }
    ),
  },
  { requiredKeys: ['enabled'] }
);

/** A native document and the Grafana URL the alerts link to. */
export const hostileSlo = fc.record({
  document: fc.record({
    apiVersion: fc.constant('burnrate.dev/v1'),
    kind: fc.constant('ServiceLevelObjective'),
    metadata: fc.record({ name: mostly(fc.constantFrom('hostile', 'hostile.slo-2'), fc.constant('bad name')) }),
    spec: fc.record(
      {
        service: mostly(hostileText, fc.constantFrom('', ' ', 'half \ud800 a pair')),
        labels,
        indicator,
        objectives: mostly(
          fc.tuple(fc.record({ target, window })),
          fc.array(fc.record({ target, window }), { minLength: 2, maxLength: 2 })
        ),
        alerting,
        annotations: fc.record({ runbook: hostileLink, dashboard: hostileLink }, { requiredKeys: [] }),
        // A draft rewrites every alert's severity and description; a retired SLO has none.
        status: fc.constantFrom('draft', 'active', 'retired'),
      },
      { requiredKeys: ['service', 'indicator', 'objectives'] }
    ),
  }),
  grafanaUrl: fc.option(hostileText, { nil: undefined }),
});
