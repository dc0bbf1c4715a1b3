import { makeMaintenanceWindow, makeSlo } from '../testing/fixtures';
import { sloToYaml } from '../storage/sloDashboard';
import type { HttpGet } from './prometheusHttp';
import { parseTime, REPORT_EXIT, runReport, type ReportIo } from './report';

const OCT_1 = 1790812800; // 2026-10-01T00:00:00Z
const NOV_1 = 1793491200; // 2026-11-01T00:00:00Z
const NOW = new Date('2026-11-23T16:30:00Z');

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  const files = new Map<string, string>();
  const io: ReportIo = {
    readFile: () => '',
    writeFile: (path, text) => {
      if (path.startsWith('/missing/')) {
        throw new Error('ENOENT: no such file or directory');
      }
      files.set(path, text);
    },
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
  };
  return { io, out: () => out.join(''), err: () => err.join(''), files };
}

const success = (resultType: string, result: unknown[]) => ({ status: 'success', data: { resultType, result } });
const answer = (body: unknown, status = 200) => ({ status, json: async () => body });
const SLO = { slo: 'checkout-availability', slo_uid: 'checkout', service: 'checkout', slo_window: '30d' };

/**
 * Prometheus with one SLO, 99.9% over 30d: 500 bad events of 1,000,000 in October (from the tiles), 100
 * of 1,000,000 in each month before; a bad period of 7 steps from 08:15 on 1 October; a page fired twice.
 */
function prometheus(requests: URL[] = []): HttpGet {
  return async (url) => {
    const parsed = new URL(url);
    requests.push(parsed);
    const query = parsed.searchParams.get('query') ?? '';
    const end = Number(/@ (\d+)/.exec(query)?.[1]);
    const october = end === NOV_1;
    const value = (v: number) => success('vector', [{ metric: { slo_uid: 'checkout' }, value: [end, String(v)] }]);
    if (parsed.pathname === '/api/v1/query_range') {
      const step = (k: number): [number, string] => [OCT_1 + k * 300, '1'];
      if (query.startsWith('max_over_time(ALERTS')) {
        return answer(
          success('matrix', [
            {
              metric: { ...SLO, alertname: 'SLOErrorBudgetBurn', severity: 'page' },
              values: [101, 102, 200].map(step),
            },
          ])
        );
      }
      const ratios = Array.from({ length: 7 }, (_, i): [number, string] => [OCT_1 + (100 + i) * 300, '0.002']);
      return answer(
        success('matrix', [{ metric: { slo_uid: 'checkout' }, values: [[OCT_1 + 99 * 300, '0.0001'], ...ratios] }])
      );
    }
    if (query.startsWith('last_over_time(slo:objective:ratio')) {
      return answer(
        success('vector', [{ metric: { __name__: 'slo:objective:ratio', ...SLO }, value: [end, '0.999'] }])
      );
    }
    if (query.startsWith('count by (slo_uid) (present_over_time')) {
      return answer(value(1));
    }
    if (query.includes('slo:bad_events:tile')) {
      return answer(value(october ? 500 : 100));
    }
    if (query.includes('slo:events:tile')) {
      return answer(value(1_000_000));
    }
    if (query.includes('slo:bad_events:rate5m')) {
      return answer(value(october ? 520 : 110));
    }
    return answer(value(1_000_100));
  };
}

const MONTH = ['--month', '2026-10', '--prometheus', 'http://prometheus:9090/'];

describe('burnrate report: combined rows', () => {
  const files: Record<string, string> = {
    'slos.yaml': sloToYaml(
      makeSlo({
        name: 'checkout-availability',
        uid: 'checkout',
        maintenance: [
          makeMaintenanceWindow('2026-10-14T22:00:00Z', '2026-10-15T01:00:00Z', {
            reason: 'Payment gateway migration',
          }),
        ],
      })
    ),
    'catalogue.yaml': [
      'apiVersion: burnrate.dev/v1',
      'kind: Catalogue',
      'journeys:',
      '  - name: Buy',
      '    steps:',
      '      - { title: Pay, sloUid: checkout }',
      '      - { title: Sign in, sloUid: login }',
    ].join('\n'),
    'broken.yaml': 'apiVersion: burnrate.dev/v1\nkind: Catalogue\njourneys: 3\n',
  };
  const withFiles = () => {
    const c = capture();
    c.io.readFile = (path) => {
      const text = files[path];
      if (text === undefined) {
        throw new Error('ENOENT: no such file or directory');
      }
      return text;
    };
    return c;
  };

  it('combines each service, and each journey of --catalogue, knowing the kinds from --slo', async () => {
    const c = withFiles();
    const argv = [...MONTH, '--slo', 'slos.yaml', '--catalogue', 'catalogue.yaml'];
    expect(await runReport(argv, c.io, { http: prometheus(), now: () => NOW })).toBe(REPORT_EXIT.ok);
    // One objective: 500 bad of 1,000,000 against 99.9%, 1,000 allowed: half the budget used.
    const combined =
      'Combined over 1 objective: SLI 99.950%, budget used 50.0% (50.0% left), 500 bad of 1,000,000 events; ' +
      'spent most: checkout-availability (30d), 50.0% of the combined budget.';
    const lines = c.out().split('\n');
    expect(lines.filter((l) => l === combined)).toHaveLength(2);
    expect(lines[lines.indexOf('Journey Buy:') + 1]).toBe(combined);
    expect(lines).toContain('Steps not in this report: Sign in.');
    expect(c.out()).not.toContain('not known here');
    // The SLO's maintenance window in October, from its file.
    expect(lines[lines.indexOf('Maintenance windows (their events are not counted):') + 1]).toBe(
      '  checkout-availability, 2026-10-14 22:00 to 2026-10-15 01:00 UTC: Payment gateway migration'
    );
  });

  it('leaves out the SLOs of the files on a datasource given no Prometheus, and says so', async () => {
    const c = withFiles();
    const onEu = makeSlo({ name: 'checkout-availability', uid: 'checkout', datasourceUid: 'prom-eu' });
    files['eu.yaml'] = sloToYaml(onEu);
    const argv = [...MONTH, '--slo', 'eu.yaml'];
    expect(await runReport(argv, c.io, { http: prometheus(), now: () => NOW })).toBe(REPORT_EXIT.ok);
    expect(c.err()).toBe(
      'burnrate report: left out the SLOs of the files on datasources given no Prometheus: prom-eu (1 SLO); ' +
        'give each its Prometheus with --datasource-url UID=URL\n'
    );
    // Neither its definition nor its series at --prometheus are used: it is not in the report.
    expect(c.out()).not.toContain('checkout-availability');

    const onItsOwn = withFiles();
    const eu = [...argv, '--datasource-uid', 'prom-eu'];
    expect(await runReport(eu, onItsOwn.io, { http: prometheus(), now: () => NOW })).toBe(REPORT_EXIT.ok);
    expect(onItsOwn.err()).toBe('');
    expect(onItsOwn.out()).not.toContain('is not known here');
  });

  it('reads each SLO on its own datasource with --datasource-url, as one report', async () => {
    files['two.yaml'] = [
      sloToYaml(makeSlo({ name: 'checkout-availability', uid: 'checkout' })),
      sloToYaml(makeSlo({ name: 'orders-availability', uid: 'orders', datasourceUid: 'prom-eu' })),
    ].join('---\n');
    // The EU Prometheus answers as the default one, for its own SLO. It also still holds series of checkout,
    // from before checkout moved to the default datasource, with ten times the bad events: they must not count.
    const renamed =
      (http: HttpGet, uid: string, badEvents = '500'): HttpGet =>
      async (url) => {
        const answered = await http(url);
        const body = JSON.stringify(await answered.json())
          .replaceAll('"slo_uid":"checkout"', `"slo_uid":"${uid}"`)
          .replaceAll('"500"', `"${badEvents}"`);
        return answer(JSON.parse(body.replaceAll('checkout-availability', `${uid}-availability`)), answered.status);
      };
    const euRequests: URL[] = [];
    const eu: HttpGet = async (url) => {
      euRequests.push(new URL(url));
      const [own, stray] = await Promise.all([
        renamed(prometheus(), 'orders')(url),
        renamed(prometheus(), 'checkout', '5000')(url),
      ]);
      const [ownBody, strayBody] = (await Promise.all([own.json(), stray.json()])) as Array<{
        data: { resultType: string; result: unknown[] };
      }>;
      return answer(success(ownBody.data.resultType, [...ownBody.data.result, ...strayBody.data.result]));
    };
    const http: HttpGet = (url) => (url.startsWith('http://eu:9090/') ? eu(url) : prometheus()(url));
    const c = withFiles();
    const argv = [...MONTH, '--slo', 'two.yaml', '--datasource-url', 'prom-eu=http://eu:9090'];
    expect(await runReport(argv, c.io, { http, now: () => NOW })).toBe(REPORT_EXIT.ok);
    expect(c.err()).toBe('');
    expect(euRequests.length).toBeGreaterThan(0);
    const row = (out: string, name: string) =>
      out
        .split('\n')
        .filter((l) => l.startsWith(name))
        .map((l) => l.split(/ {2,}/).slice(0, 4));
    expect(row(c.out(), 'checkout-availability')).toEqual([['checkout-availability', '30d', '99.9%', '99.950%']]);
    expect(row(c.out(), 'orders-availability')).toEqual([['orders-availability', '30d', '99.9%', '99.950%']]);

    // The EU Prometheus down: its SLO stays in the report without figures, with the reason; exit 4.
    const down = withFiles();
    const refusedEu: HttpGet = async (url) => {
      if (url.startsWith('http://eu:9090/')) {
        throw new Error('connect ECONNREFUSED 10.0.0.2:9090');
      }
      return prometheus()(url);
    };
    expect(await runReport(argv, down.io, { http: refusedEu, now: () => NOW })).toBe(REPORT_EXIT.unreachable);
    const reason = 'cannot reach http://eu:9090: connect ECONNREFUSED 10.0.0.2:9090';
    expect(down.err()).toBe(`burnrate report: could not read prom-eu: ${reason}\n`);
    expect(down.out()).toContain(`Not read: datasource prom-eu could not answer (${reason}).`);
    expect(down.out()).toContain(`prom-eu: ${reason} (1 SLO without figures)`);
    expect(row(down.out(), 'checkout-availability')).toEqual([['checkout-availability', '30d', '99.9%', '99.950%']]);
    expect(row(down.out(), 'orders-availability')).toHaveLength(1);
  });

  it('says the kinds were assumed without --slo', async () => {
    const c = withFiles();
    expect(await runReport(MONTH, c.io, { http: prometheus(), now: () => NOW })).toBe(REPORT_EXIT.ok);
    expect(c.out()).toContain(
      'The SLI kind of 1 objective is not known here (no SLO definitions): counted as requests.'
    );
    expect(c.out()).not.toContain('Journey');
  });

  it('refuses files it cannot read, before reading Prometheus', async () => {
    const c = withFiles();
    const requests: URL[] = [];
    const argv = [...MONTH, '--slo', 'missing.yaml', '--catalogue', 'broken.yaml'];
    expect(await runReport(argv, c.io, { http: prometheus(requests), now: () => NOW })).toBe(REPORT_EXIT.usage);
    expect(c.err().split('\n')[0]).toBe(
      'burnrate report: --slo: cannot read missing.yaml: ENOENT: no such file or directory'
    );
    expect(c.err()).toContain('burnrate report: --catalogue: broken.yaml: journeys:');
    expect(requests).toEqual([]);
  });
});

describe('burnrate report', () => {
  it('prints the month, each objective with its figures, and exits 0', async () => {
    const c = capture();
    const requests: URL[] = [];
    const code = await runReport(MONTH, c.io, { http: prometheus(requests), now: () => NOW });
    expect(code).toBe(REPORT_EXIT.ok);
    const lines = c.out().split('\n');
    expect(lines[0]).toBe('SLO report 2026-10');
    expect(lines[4]).toBe("checkout: toil budget: 60% of the team's time, 96 h a week for 4 people");
    // 500 / 1,000,000: SLI 99.95%, half the 0.001 budget; 100 of 1,000,000 before: 10%, so 40 points worse.
    expect(lines[7].split(/ {2,}/)).toEqual([
      'checkout-availability',
      '30d',
      '99.9%',
      '99.950%',
      'yes',
      '50.0%',
      '500 of 1,000,000',
      '35 min from 2026-10-01 08:15',
      '2 page, 0 ticket',
      '99.990%',
      '99.990%',
      '99.990%',
      'worsening (+40 pts)',
    ]);
    expect(c.out()).toContain(
      '  checkout-availability (30d): On track: no reliability work needed for this objective.'
    );
    expect(c.err()).toBe('');

    // 1 + 5 instant queries per period, 4 periods; the range queries at 5 minute steps over October.
    expect(requests.filter((u) => u.pathname === '/api/v1/query')).toHaveLength(21);
    const ranges = requests.filter((u) => u.pathname === '/api/v1/query_range');
    expect(
      ranges.map((u) => [u.origin, u.searchParams.get('start'), u.searchParams.get('end'), u.searchParams.get('step')])
    ).toEqual([
      ['http://prometheus:9090', String(OCT_1 + 300), String(NOV_1), '300'],
      ['http://prometheus:9090', String(OCT_1 + 300), String(NOV_1), '300'],
    ]);
  });

  it('writes CSV to a file with --output, and the team size changes the toil budget', async () => {
    const c = capture();
    const code = await runReport([...MONTH, '--format', 'csv', '--output', 'report.csv', '--team-size', '2'], c.io, {
      http: prometheus(),
      now: () => NOW,
    });
    expect(code).toBe(REPORT_EXIT.ok);
    expect(c.out()).toBe('');
    expect(c.err()).toBe('burnrate report: 2026-10 written to report.csv (csv)\n');
    const [header, row] = (c.files.get('report.csv') ?? '').split('\r\n').map((l) => l.split(','));
    const cell = (name: string) => row[header.indexOf(name)];
    expect(cell('achieved_sli_percent')).toBe('99.95');
    expect(cell('budget_consumed_percent')).toBe('50');
    expect(cell('total_events')).toBe('1000000');
    expect(cell('events_source')).toBe('tiles');
    expect(cell('toil_hours_per_week')).toBe('48');
  });

  it('writes HTML, Markdown and JSON', async () => {
    for (const [format, start] of [
      ['html', '<!DOCTYPE html>'],
      ['markdown', '# SLO report 2026-10'],
      ['json', '{'],
    ]) {
      const c = capture();
      expect(await runReport([...MONTH, '--format', format], c.io, { http: prometheus(), now: () => NOW })).toBe(0);
      expect(c.out().startsWith(start)).toBe(true);
    }
  });

  it('reads a custom range of the chosen services; the rates when it is not on whole hours', async () => {
    const c = capture();
    const requests: URL[] = [];
    const code = await runReport(
      [
        '--from',
        '2026-11-23T10:00',
        '--to',
        '2026-11-23T12:10:00Z',
        '--service',
        'web',
        '--service',
        'checkout',
        '--prometheus',
        'http://p',
        '--format',
        'json',
      ],
      c.io,
      { http: prometheus(requests), now: () => NOW }
    );
    expect(code).toBe(REPORT_EXIT.ok);
    const report = JSON.parse(c.out());
    expect(report.range).toMatchObject({
      kind: 'custom',
      from: '2026-11-23T10:00:00.000Z',
      to: '2026-11-23T12:10:00.000Z',
    });
    expect(report.services).toEqual(['checkout', 'web']);
    expect(report.serviceReports[0].objectives[0].events).toEqual({ total: 1_000_100, bad: 110, source: 'rates' });
    expect(requests.every((u) => (u.searchParams.get('query') ?? '').includes('service=~"checkout|web"'))).toBe(true);
  });

  it('says when there is no data, and exits 0', async () => {
    const c = capture();
    const empty: HttpGet = async (url) => answer(success(url.includes('query_range') ? 'matrix' : 'vector', []));
    expect(await runReport([...MONTH, '--service', 'web'], c.io, { http: empty, now: () => NOW })).toBe(REPORT_EXIT.ok);
    expect(c.out()).toContain(
      "No data: no SLO of web was found in Prometheus for 2026-10. Are Burnrate's rules deployed, and is the range within Prometheus's retention?"
    );
    const csv = capture();
    await runReport([...MONTH, '--format', 'csv'], csv.io, { http: empty, now: () => NOW });
    expect(csv.err()).toContain('burnrate report: No data: no SLO was found in Prometheus for 2026-10.');
  });

  it('names every wrong option and exits 2', async () => {
    const cases: Array<[string[], string]> = [
      [['--prometheus', 'http://p'], 'give --month YYYY-MM, or --from TIME (and --to TIME)'],
      [
        ['--month', '2026-10', '--from', '2026-10-01', '--prometheus', 'http://p'],
        'give either --month or --from/--to, not both',
      ],
      [['--to', '2026-10-01', '--prometheus', 'http://p'], '--to needs --from'],
      [
        ['--month', '2026-1', '--prometheus', 'http://p'],
        '--month must be a month written YYYY-MM, e.g. 2026-10, got "2026-1"',
      ],
      [
        ['--month', '2026-12', '--prometheus', 'http://p'],
        '--month: 2026-12 starts in the future: there is nothing to report yet',
      ],
      [
        ['--from', '2026-02-30', '--prometheus', 'http://p'],
        '--from must be an ISO 8601 date or time such as 2026-10-01T00:00:00Z, got "2026-02-30"',
      ],
      [
        ['--from', '2026-11-01', '--to', 'tomorrow', '--prometheus', 'http://p'],
        '--to must be an ISO 8601 date or time',
      ],
      [
        ['--from', '2026-11-02', '--to', '2026-11-01', '--prometheus', 'http://p'],
        '--from/--to: a range must end at least 5 minutes after it starts',
      ],
      [[...MONTH, '--team-size', '0'], '--team-size must be a number of people above 0, got "0"'],
      [[...MONTH, '--format', 'pdf'], '--format must be one of text, csv, html, markdown, json, got "pdf"'],
      [[...MONTH, '--service', ''], '--service must name a service'],
      [['--month', '2026-10'], '--prometheus URL is required'],
      [
        ['--month', '2026-10', '--prometheus', 'localhost:9090'],
        '--prometheus must be an http:// or https:// URL, got "localhost:9090"',
      ],
      [[...MONTH, '--bogus'], "Unknown option '--bogus'"],
    ];
    for (const [argv, problem] of cases) {
      const c = capture();
      expect(await runReport(argv, c.io, { http: prometheus(), now: () => NOW })).toBe(REPORT_EXIT.usage);
      expect(c.err()).toContain(`burnrate report: ${problem}`);
      expect(c.err()).toContain('Usage: burnrate report');
    }
  });

  it('exits 2 when --output cannot be written', async () => {
    const c = capture();
    expect(
      await runReport([...MONTH, '--output', '/missing/r.html'], c.io, { http: prometheus(), now: () => NOW })
    ).toBe(REPORT_EXIT.usage);
    expect(c.err()).toBe(
      'burnrate report: --output: cannot write /missing/r.html: ENOENT: no such file or directory\n'
    );
  });

  it('exits 4 when Prometheus cannot be read', async () => {
    const c = capture();
    const refused: HttpGet = async () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:9090');
    };
    expect(await runReport(MONTH, c.io, { http: refused, now: () => NOW })).toBe(REPORT_EXIT.unreachable);
    expect(c.err()).toBe('burnrate report: cannot reach http://prometheus:9090: connect ECONNREFUSED 127.0.0.1:9090\n');
    expect(c.out()).toBe('');
  });

  it('prints its usage on --help', async () => {
    const c = capture();
    expect(await runReport(['--help'], c.io)).toBe(REPORT_EXIT.ok);
    expect(c.out()).toMatch(
      /^Usage: burnrate report \(--month YYYY-MM \| --from TIME \[--to TIME\]\) --prometheus URL/
    );
  });
});

describe('parseTime', () => {
  it('reads ISO 8601 dates and times, UTC unless a zone is given', () => {
    expect(parseTime('2026-10-01', NOW)).toEqual(new Date('2026-10-01T00:00:00Z'));
    expect(parseTime('2026-10-01T08:30', NOW)).toEqual(new Date('2026-10-01T08:30:00Z'));
    expect(parseTime('2026-10-01T08:30:15.5+02:00', NOW)).toEqual(new Date('2026-10-01T06:30:15.500Z'));
    expect(parseTime('now', NOW)).toBe(NOW);
  });

  it('refuses dates that do not exist and other text', () => {
    expect(parseTime('2026-02-29', NOW)).toBeUndefined();
    expect(parseTime('2024-02-29', NOW)).toEqual(new Date('2024-02-29T00:00:00Z'));
    expect(parseTime('2026-10-01T24:00', NOW)).toBeUndefined();
    expect(parseTime('1 October', NOW)).toBeUndefined();
    expect(parseTime('1790812800', NOW)).toBeUndefined();
  });
});
