import YAML from 'yaml';
import { parseNativeDocument, toNativeDocument } from '../formats/native';
import type { ValidationIssue } from '../slo/types';
import { validateSlo, validateSloSet } from './validate';

const base = {
  apiVersion: 'burnrate.dev/v1',
  kind: 'ServiceLevelObjective',
  metadata: { name: 'checkout-availability' },
  spec: {
    service: 'checkout',
    indicator: {
      type: 'ratio',
      total: 'http_requests_total{job="checkout"}',
      bad: 'http_requests_total{job="checkout",code=~"5.."}',
    },
    objectives: [{ target: 0.999, window: '30d' }],
  },
};

/** The base document with parts of spec replaced. */
function doc(spec: Record<string, unknown>, metadata: Record<string, unknown> = {}): unknown {
  return { ...base, metadata: { ...base.metadata, ...metadata }, spec: { ...base.spec, ...spec } };
}

function problems(value: unknown, evaluationInterval?: string): ValidationIssue[] {
  const parsed = parseNativeDocument(value);
  return parsed.slo ? [...parsed.issues, ...validateSlo(parsed.slo, { evaluationInterval })] : parsed.issues;
}

const error = (path: string, message: string): ValidationIssue => ({ path, message, severity: 'error' });
const warning = (path: string, message: string): ValidationIssue => ({ path, message, severity: 'warning' });

describe('validation', () => {
  it('accepts a complete SLO', () => {
    expect(problems(base)).toEqual([]);
  });

  it.each<{ name: string; value: unknown; want: ValidationIssue[]; evaluationInterval?: string }>([
    {
      name: 'a target of 100%',
      value: doc({ objectives: [{ target: '100%', window: '30d' }] }),
      want: [
        error(
          'spec.objectives[0].target',
          '100% leaves no error budget (every error would be an outage and burn rates would be infinite); use a target below 100%, such as 99.95% (0.9995)'
        ),
      ],
    },
    {
      name: 'a target of 1.5',
      value: doc({ objectives: [{ target: 1.5, window: '30d' }] }),
      want: [
        error(
          'spec.objectives[0].target',
          'must be a ratio between 0 and 1 (exclusive), got 1.5. Did you mean "1.5%" (0.015)?'
        ),
      ],
    },
    {
      name: 'a percentage without its sign',
      value: doc({ objectives: [{ target: 99.9, window: '30d' }] }),
      want: [
        error(
          'spec.objectives[0].target',
          'must be a ratio between 0 and 1 (exclusive), got 99.9. Did you mean "99.9%" (0.999)?'
        ),
      ],
    },
    {
      name: 'a negative target',
      value: doc({ objectives: [{ target: -0.5, window: '30d' }] }),
      want: [error('spec.objectives[0].target', 'must be between 0 and 1 exclusive (or 0% and 100%), got -0.5')],
    },
    {
      name: 'a window that does not parse',
      value: doc({ objectives: [{ target: 0.99, window: '30 days' }] }),
      want: [
        error(
          'spec.objectives[0].window',
          'must be a duration such as 7d, 28d or 30d, or "week" or "month" for a calendar window; got "30 days"'
        ),
      ],
    },
    {
      name: 'an unknown field',
      value: doc({ maintainers: ['a'] }),
      want: [error('spec.maintainers', 'unknown field: remove or rename "maintainers"')],
    },
    {
      name: 'a missing service',
      value: { ...base, spec: { indicator: base.spec.indicator, objectives: base.spec.objectives } },
      want: [error('spec.service', 'is required (string)')],
    },
    {
      name: 'an unknown indicator type',
      value: doc({ indicator: { type: 'availability', total: 'x' } }),
      want: [error('spec.indicator.type', 'must be one of ratio, latency, threshold, advanced, errorRatio')],
    },
    {
      name: 'both good and bad',
      value: doc({ indicator: { type: 'ratio', total: 'a', good: 'b', bad: 'c' } }),
      want: [error('spec.indicator.good', 'give exactly one of good and bad (with total)')],
    },
    {
      name: 'PromQL that does not parse',
      value: doc({
        indicator: { type: 'ratio', total: 'http_requests_total{job="checkout"', bad: 'sum(rate(x[5m]))' },
      }),
      want: [
        error(
          'spec.indicator.total',
          'syntax error at character 35: the expression ends too early in "http_requests_total{job=\\"checkout\\""'
        ),
        error(
          'spec.indicator.bad',
          'expected a series selector such as metric_name{label="value"}, got an aggregation in "sum(rate(x[5m]))"'
        ),
      ],
    },
    {
      name: 'string escapes Prometheus refuses, or that give no text',
      value: doc({
        indicator: {
          type: 'advanced',
          total: 'sum(rate(http_requests_total{job="a\\qb"}[5m]))',
          bad: 'sum(rate(http_requests_total{job="\\xff"}[5m]))',
        },
      }),
      want: [
        error('spec.indicator.total', 'PromQL string "a\\qb" at character 34: unknown escape sequence \\q'),
        error(
          'spec.indicator.bad',
          'PromQL string "\\xff" at character 34: its \\x or octal escapes give bytes that are not UTF-8 text'
        ),
      ],
    },
    {
      name: 'an unknown escape in a selector',
      value: doc({
        indicator: { type: 'ratio', total: 'req_total{job="a\\qb"}', bad: 'req_total{job="a\\qb",code="500"}' },
      }),
      want: [
        error(
          'spec.indicator.total',
          'string "a\\qb" at character 15: unknown escape sequence \\q in "req_total{job=\\"a\\\\qb\\"}"'
        ),
        error(
          'spec.indicator.bad',
          'string "a\\qb" at character 15: unknown escape sequence \\q in "req_total{job=\\"a\\\\qb\\",code=\\"500\\"}"'
        ),
      ],
    },
    {
      name: 'a bad selector without the exclusion of total',
      value: doc({ indicator: { type: 'ratio', total: 'req_total{route!="/health"}', bad: 'req_total{code=~"5.."}' } }),
      want: [
        warning(
          'spec.indicator.bad',
          'has no route!="/health" as total does: bad events outside total would be counted'
        ),
      ],
    },
    {
      name: 'a threshold that is not a number',
      value: doc({ indicator: { type: 'latency', histogram: 'h_seconds', threshold: 'fast' } }),
      want: [error('spec.indicator.threshold', 'must be a number, got "fast"')],
    },
    {
      name: 'a histogram named with its _bucket suffix',
      value: doc({ indicator: { type: 'latency', histogram: 'h_seconds_bucket{le="0.5"}', threshold: 0.5 } }),
      want: [
        error(
          'spec.indicator.histogram',
          "give the histogram's base name without _bucket, _count or _sum (e.g. h_seconds)"
        ),
        error('spec.indicator.histogram', 'must not match le: the threshold chooses the bucket'),
      ],
    },
    {
      name: 'illegal and reserved label names, a label with quotes',
      value: doc({ labels: { 'team-name': 'a', slo_uid: 'x', note: 'say "hi"' } }),
      want: [
        error(
          'spec.labels.team-name',
          '"team-name" is not a legal Prometheus label name: use letters, digits and "_", not starting with a digit or "__"'
        ),
        error('spec.labels.slo_uid', '"slo_uid" is set by Burnrate on every rule; choose another label name'),
      ],
    },
    {
      name: 'windows swapped as in the seed example',
      value: doc({
        alerting: { burnRates: [{ severity: 'page', longWindow: '5m', shortWindow: '1h', factor: 14.4 }] },
      }),
      want: [
        error(
          'spec.alerting.burnRates[0].shortWindow',
          'shortWindow (1h) must be shorter than longWindow (5m): they look swapped'
        ),
      ],
    },
    {
      name: 'a default alert the target cannot reach, adapted and said in plain words',
      value: doc({ objectives: [{ target: 0.9, window: '30d' }] }),
      want: [
        warning(
          'spec.alerting.burnRates',
          "the default page alert over 1h/5m for objectives[0] pages at 7.5x instead of the workbook's 14.4x, which would need 144% of events to fail: a full outage fires it within 45 minutes"
        ),
      ],
    },
    {
      name: 'an alert written by the user that can never fire',
      value: doc({
        objectives: [{ target: 0.9, window: '30d' }],
        alerting: { burnRates: [{ severity: 'page', longWindow: '1h', shortWindow: '5m', factor: 12 }] },
      }),
      want: [
        error(
          'spec.alerting.burnRates[0].factor',
          'burn rate 12 x error budget 0.1 = 1.2 >= 1 for objectives[0]: the error ratio can never exceed 1, so this alert can never fire; use a factor below 10'
        ),
      ],
    },
    {
      name: 'grouping labels Prometheus cannot read in by (...), and a for: beyond 100 years',
      value: doc({
        indicator: {
          type: 'ratio',
          total: 'http_requests_total{job="checkout"}',
          bad: 'http_requests_total{job="checkout",code=~"5.."}',
          groupBy: ['NaN', 'inf', 'Without', 'Infinity'],
        },
        alerting: {
          burnRates: [{ severity: 'page', longWindow: '1h', shortWindow: '5m', factor: 14.4, for: '9999999d' }],
        },
      }),
      want: [
        error('spec.indicator.groupBy[0]', '"NaN" cannot be a grouping label: PromQL reads it as a number in by (...)'),
        error('spec.indicator.groupBy[1]', '"inf" cannot be a grouping label: PromQL reads it as a number in by (...)'),
        error(
          'spec.indicator.groupBy[2]',
          '"Without" cannot be a grouping label: PromQL reads it as the keyword without in by (...)'
        ),
        error('spec.alerting.burnRates[0].for', 'must be at most 36500d (100 years), got 9999999d'),
      ],
    },
    {
      name: 'a burn rate so small that any bad event fires it, as a factor or as a share of the budget',
      value: doc({
        alerting: {
          burnRates: [
            { severity: 'page', longWindow: '1h', shortWindow: '5m', factor: '1e-400' },
            { severity: 'ticket', longWindow: '1d', shortWindow: '2h', budgetSpent: '0.0000000001%' },
          ],
        },
      }),
      want: [
        error(
          'spec.alerting.burnRates[0].factor',
          'burn rate 1e-400 for objectives[0], below 0.000001, where any bad event at all would fire the alert; give a larger factor'
        ),
        error(
          'spec.alerting.burnRates[1].budgetSpent',
          'budgetSpent 1e-12 gives burn rate 0 for objectives[0], below 0.000001, where any bad event at all would fire the alert; give a larger budgetSpent'
        ),
      ],
    },
    {
      name: 'the same alert twice, and an alert on the same windows and severity as another',
      value: doc({
        alerting: {
          burnRates: [
            { severity: 'page', longWindow: '1h', shortWindow: '5m', factor: 14.4 },
            { severity: 'page', longWindow: '1h', shortWindow: '5m', factor: 14.4 },
            { severity: 'page', longWindow: '60m', shortWindow: '5m', factor: 20 },
            { severity: 'ticket', longWindow: '1d', shortWindow: '2h', factor: 3 },
          ],
        },
      }),
      want: [
        error(
          'spec.alerting.burnRates[1]',
          'burnRates[0] is already a page alert over 1h and 5m: the two would carry the same labels and title; remove one or give it other windows'
        ),
        error(
          'spec.alerting.burnRates[2]',
          'burnRates[0] is already a page alert over 1h and 5m: the two would carry the same labels and title; remove one or give it other windows'
        ),
      ],
    },
    {
      name: 'two severities at the same factor over the same windows (budgetSpent gives the factor)',
      value: doc({
        alerting: {
          burnRates: [
            { severity: 'page', longWindow: '1h', shortWindow: '5m', factor: 14.4 },
            { severity: 'ticket', longWindow: '1h', shortWindow: '5m', budgetSpent: '2%' },
          ],
        },
      }),
      want: [
        error(
          'spec.alerting.burnRates[1]',
          'burnRates[0] already fires at 14.4x over 1h and 5m: the two would always fire together; remove one or give it another factor or windows'
        ),
      ],
    },
    {
      name: 'a short window no longer than the evaluation interval',
      value: doc({
        alerting: { burnRates: [{ severity: 'page', longWindow: '1h', shortWindow: '1m', factor: 14.4 }] },
      }),
      evaluationInterval: '1m',
      want: [
        error(
          'spec.alerting.burnRates[0].shortWindow',
          'the short window (1m) must be longer than the evaluation interval (60s)'
        ),
      ],
    },
    {
      name: 'two objectives on one window',
      value: doc({
        objectives: [
          { target: 0.99, window: '30d' },
          { target: 0.999, window: '30d' },
        ],
      }),
      want: [
        error(
          'spec.objectives[1].window',
          'objectives[0] already uses the window 30d: give each objective its own window'
        ),
      ],
    },
    {
      name: 'a misspelt budget policy action',
      value: doc({ budgetPolicy: { exhausted: ['freeze-features', 'frezee'] } }),
      want: [
        error(
          'spec.budgetPolicy.exhausted[1]',
          'unknown action "frezee"; known: watch-burn, release-review, investigate, reliability-sprint, freeze-features, postmortem-required, escalate'
        ),
      ],
    },
    {
      name: 'an unknown budget status, in the policy and in its notes',
      value: doc({ budgetPolicy: { exhaused: ['freeze-features'], notes: { degraded: 'x' } } }),
      want: [
        error(
          'spec.budgetPolicy.notes.degraded',
          'unknown status "degraded"; known: healthy, attention, warning, critical, exhausted'
        ),
        error(
          'spec.budgetPolicy.exhaused',
          'unknown status "exhaused"; known: healthy, attention, warning, critical, exhausted, notes'
        ),
      ],
    },
    {
      name: 'budget policy actions that are not a list',
      value: doc({ budgetPolicy: { critical: 'investigate' } }),
      want: [
        error('spec.budgetPolicy.critical', 'must be a list of actions, e.g. [freeze-features, postmortem-required]'),
      ],
    },
    {
      name: 'a budget policy action listed twice',
      value: doc({ budgetPolicy: { warning: ['reliability-sprint', 'release-review', 'reliability-sprint'] } }),
      want: [error('spec.budgetPolicy.warning[2]', '"reliability-sprint" is listed twice')],
    },
    {
      name: 'a field of the wrong type',
      value: doc({ service: 3 }),
      want: [error('spec.service', 'Invalid input: expected string, received number')],
    },
    {
      name: 'a bad SLO name',
      value: doc({}, { name: 'checkout availability!' }),
      want: [
        error(
          'metadata.name',
          'must be 1-128 letters, digits, "-", "_" or ".", starting and ending with a letter or digit'
        ),
      ],
    },
    {
      name: 'SLI expressions Prometheus would refuse in the rules: of another type, or out of range',
      value: doc({
        indicator: { type: 'advanced', total: 'rate(x[5m])[30m:1m]', bad: 'sum(x) > 1e+400' },
      }),
      want: [
        error('spec.indicator.total', 'PromQL gives a range vector: it must give an instant vector'),
        error(
          'spec.indicator.bad',
          'PromQL the number 1e+400 at character 10 is beyond the largest Prometheus reads (about 1.8e308)'
        ),
      ],
    },
    {
      name: 'a threshold SLI with the rate window placeholder, and a threshold beyond float64',
      value: doc({
        indicator: {
          type: 'threshold',
          expr: 'max(rate(x[{{.window}}]))',
          operator: '<',
          threshold: '1' + '0'.repeat(400),
        },
      }),
      want: [
        error('spec.indicator.expr', 'has {{.window}}, which only advanced SLIs fill in: write the range, such as 5m'),
        error(
          'spec.indicator.threshold',
          `must be at most about 1.8e308, the largest number Prometheus reads; got 1e+400`
        ),
      ],
    },
    {
      name: 'a threshold written as a YAML number beyond float64, which the reader turns into Infinity',
      value: doc({ indicator: { type: 'threshold', expr: 'up', operator: '<', threshold: Infinity } }),
      want: [error('spec.indicator.threshold', 'must be a finite number, such as 0.5, or a decimal written as text')],
    },
    {
      name: 'an exhaustion alert with durations that cannot work',
      value: doc({
        objectives: [{ target: 0.999, window: '7d' }],
        alerting: { exhaustion: { within: 'soon', burnWindow: '8d' } },
      }),
      want: [
        error('spec.alerting.exhaustion.within', 'must be a duration such as 3d, got "soon"'),
        error('spec.alerting.exhaustion.burnWindow', 'the burn window (8d) is longer than the SLO window (7d)'),
      ],
    },
    {
      name: 'an exhaustion alert whose burn window is no longer than an evaluation',
      value: doc({ alerting: { exhaustion: { within: '3d', burnWindow: '30s' } } }),
      want: [
        error(
          'spec.alerting.exhaustion.burnWindow',
          'the burn window (30s) must be longer than the evaluation interval (30s)'
        ),
      ],
    },
    {
      name: 'windows longer than Prometheus durations go',
      value: doc({ objectives: [{ target: 0.999, window: '99999999999d' }], alerting: { noData: { for: '36501d' } } }),
      want: [
        error('spec.objectives[0].window', 'must be at most 36500d (100 years), got 99999999999d'),
        error('spec.alerting.noData.for', 'must be at most 36500d (100 years), got 36501d'),
      ],
    },
    {
      name: 'an absent alert without a positive duration',
      value: doc({ alerting: { absent: { for: 'soon', severity: 'page' } } }),
      want: [error('spec.alerting.absent.for', 'must be a positive duration such as 5m, got "soon"')],
    },
    {
      name: 'labels and annotations of a severity Prometheus refuses or Burnrate sets',
      value: doc({
        alerting: { perSeverity: { page: { labels: { severity: 'critical' }, annotations: { 'run-book': 'x' } } } },
      }),
      want: [
        error(
          'spec.alerting.perSeverity.page.labels.severity',
          '"severity" is set by Burnrate on every rule; choose another label name'
        ),
        error(
          'spec.alerting.perSeverity.page.annotations.run-book',
          '"run-book" is not a legal annotation name: use letters, digits and "_", not starting with a digit'
        ),
      ],
    },
    {
      name: 'half a surrogate pair, which no YAML or UTF-8 holds',
      value: doc({ service: 'check\ud800out', labels: { team: '\udc00' }, annotations: { runbook: '/a' } }),
      want: [
        error('spec.service', 'holds half of a UTF-16 surrogate pair, which is no character: remove it'),
        error('spec.labels.team', 'holds half of a UTF-16 surrogate pair, which is no character: remove it'),
      ],
    },
  ])('reports $name', ({ value, want, evaluationInterval }) => {
    expect(problems(value, evaluationInterval)).toEqual(want);
  });

  it('refuses a window too short for the default alerts with one message at the window', () => {
    expect(problems(doc({ objectives: [{ target: 0.999, window: '1h' }] }))).toEqual([
      error(
        'spec.objectives[0].window',
        "a window of 1h is too short for the default alerts: scaled from the workbook's 30d windows, their short" +
          ' windows (1s, 3s, 10s, 30s) must be longer than the evaluation interval (30s); use a window of at least' +
          ' 3d2h, or list alerting.burnRates'
      ),
    ]);
  });

  it('answers every window from 1h to the shortest the defaults fit with that message, not an exception', () => {
    const unexpected: string[] = [];
    // Between 3d1h12m and the suggested 3d2h the defaults fit too.
    for (let minutes = 60; minutes < 74 * 60; minutes += 1) {
      const found = problems(doc({ objectives: [{ target: 0.999, window: `${minutes}m` }] }));
      const refused = found.length === 1 && found[0].path === 'spec.objectives[0].window';
      if (!(refused || (minutes >= 73 * 60 && found.length === 0))) {
        unexpected.push(`${minutes}m: ${JSON.stringify(found)}`);
      }
    }
    expect(unexpected).toEqual([]);
    expect(problems(doc({ objectives: [{ target: 0.999, window: '74h' }] }))).toEqual([]);
  });

  it('suggests a shorter window for a shorter evaluation interval, and leaves alerts the user wrote alone', () => {
    expect(problems(doc({ objectives: [{ target: 0.999, window: '1d' }] }), '10s')).toEqual([
      error(
        'spec.objectives[0].window',
        "a window of 1d is too short for the default alerts: scaled from the workbook's 30d windows, their short" +
          ' windows (10s) must be longer than the evaluation interval (10s); use a window of at least 1d2h, or list' +
          ' alerting.burnRates'
      ),
    ]);
    const custom = { burnRates: [{ severity: 'page', longWindow: '10m', shortWindow: '1m', factor: 14.4 }] };
    expect(problems(doc({ objectives: [{ target: 0.999, window: '1h' }], alerting: custom }))).toEqual([]);
  });

  it.each([
    ['javascript:alert(3)', true],
    ['JavaScript:alert(3)', true],
    ['data:text/html,<script>alert(1)</script>', true],
    ['//evil.example.com/x', true],
    ['https:///nohost', true],
    ['see the wiki', true],
    ['https://runbooks.example.com/checkout', false],
    ['HTTP://runbooks.example.com/a?b=c#d', false],
    ['/d/checkout-slo', false],
    ['https://runbooks.example.com/{{ $value }}', false],
  ])('takes only web links and Grafana paths as the runbook: %s refused: %s', (runbook, refused) => {
    const found = problems(doc({ annotations: { runbook } })).filter((p) => p.severity === 'error');
    expect(found).toEqual(
      refused
        ? [
            {
              path: 'spec.annotations.runbook',
              severity: 'error',
              message: expect.stringMatching(/^must be an http\(s\) URL or a path of this Grafana starting with \//),
            },
          ]
        : []
    );
  });

  it('accepts a budget policy with empty statuses and notes', () => {
    const value = doc({
      budgetPolicy: { healthy: [], exhausted: ['freeze-features'], notes: { healthy: 'Ship as usual.' } },
    });
    expect(problems(value)).toEqual([]);
    expect(parseNativeDocument(value).slo?.budgetPolicy).toEqual({
      actions: { healthy: [], exhausted: ['freeze-features'] },
      notes: { healthy: 'Ship as usual.' },
    });
  });

  it('reads YAML written by hand', () => {
    const value = YAML.parse(`
apiVersion: burnrate.dev/v1
kind: ServiceLevelObjective
metadata: { name: a }
spec:
  service: s
  indicator: { type: threshold, expr: 'time() - max(last_success_seconds)', operator: '<', threshold: 3600 }
  objectives: [{ target: "99%", window: week }]
`);
    expect(problems(value)).toEqual([]);
  });

  it('reports the same name twice across files', () => {
    const parsed = parseNativeDocument(base);
    const slo = parsed.slo!;
    expect(
      validateSloSet([
        { slo, source: 'a.yaml' },
        { slo, source: 'b.yaml' },
      ])
    ).toEqual([
      {
        path: 'metadata.name',
        message: '"checkout-availability" is already the name of an SLO in a.yaml: names must be unique',
        severity: 'error',
        source: 'b.yaml',
        index: 1,
      },
    ]);
  });
});

describe('status, owners and review', () => {
  const lifecycle = {
    status: 'draft',
    owners: { product: 'Dana (checkout)', sre: 'payments-sre' },
    review: { interval: '60d', last: { date: '2026-11-02', by: 'dana', note: 'Target holds.' } },
  };

  it('reads them and writes them back as written, leaving out what was not written', () => {
    const parsed = parseNativeDocument(doc(lifecycle));
    expect(parsed.issues).toEqual([]);
    expect(parsed.slo).toMatchObject({
      status: 'draft',
      owners: { product: 'Dana (checkout)', sre: 'payments-sre' },
      review: { interval: '60d', last: { date: '2026-11-02', by: 'dana', note: 'Target holds.' } },
    });
    expect(toNativeDocument(parsed.slo!).spec).toMatchObject(lifecycle);
    const plain = parseNativeDocument(base).slo!;
    expect(plain.status).toBeUndefined();
    expect(Object.keys(toNativeDocument(plain).spec)).toEqual(['service', 'indicator', 'objectives']);
  });

  it.each<{ name: string; spec: Record<string, unknown>; want: ValidationIssue[] }>([
    {
      name: 'an unknown status',
      spec: { status: 'paused' },
      want: [error('spec.status', 'must be one of draft, active, retired')],
    },
    {
      name: 'an interval that is no duration',
      spec: { review: { interval: 'quarterly' } },
      want: [error('spec.review.interval', 'must be a duration such as 90d or 4w, got "quarterly"')],
    },
    {
      name: 'an interval under a day',
      spec: { review: { interval: '12h' } },
      want: [error('spec.review.interval', 'must be at least 1d, got 12h')],
    },
    {
      name: 'a date that does not exist',
      spec: { review: { last: { date: '2026-02-30', by: 'dana' } } },
      want: [error('spec.review.last.date', 'must be a date such as 2026-11-02, got "2026-02-30"')],
    },
    {
      name: 'a review by nobody',
      spec: { review: { last: { date: '2026-02-03', by: ' ' } } },
      want: [error('spec.review.last.by', 'must name who reviewed the SLO')],
    },
    {
      name: 'an empty owner',
      spec: { owners: { sre: '' } },
      want: [error('spec.owners.sre', 'is empty: name the owner or leave the field out')],
    },
    {
      name: 'a misspelt owner',
      spec: { owners: { product: 'Dana', ops: 'x' } },
      want: [error('spec.owners.ops', 'unknown field: remove or rename "ops"')],
    },
  ])('names the field of $name', ({ spec, want }) => {
    expect(problems(doc(spec))).toEqual(want);
  });
});
