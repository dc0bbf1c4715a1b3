import { readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { MAX_FILE_BYTES, runCli, type CliIo } from './run';

const ROOT = path.join(__dirname, '..', '..');

async function run(argv: string[], files: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    readFile: (file) => {
      if (file in files) {
        return files[file];
      }
      return readFileSync(path.join(ROOT, file), 'utf8');
    },
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

const TARGET_100 = `apiVersion: burnrate.dev/v1
kind: ServiceLevelObjective
metadata: { name: perfect }
spec:
  service: s
  indicator: { type: ratio, total: a_total, bad: 'a_total{code="500"}' }
  objectives: [{ target: 1, window: 30d }]
`;

describe('burnrate CLI', () => {
  it('validates the examples', async () => {
    expect(await run(['validate', 'examples/checkout-availability.yaml', 'examples/api-latency.yaml'])).toEqual({
      code: 0,
      stdout: '2 SLOs valid in 2 files.\n',
      stderr: '',
    });
  });

  it('accepts the complete example of the README', async () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const example = /```yaml\n(apiVersion: burnrate\.dev\/v1[\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    expect(await run(['rules', 'readme.yaml'], { 'readme.yaml': example ?? '' })).toMatchObject({
      code: 0,
      stderr: '',
    });
  });

  it('names the file, the SLO and the field of each problem, and writes no rules', async () => {
    const result = await run(['rules', 'perfect.yaml'], { 'perfect.yaml': TARGET_100 });
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'perfect.yaml: perfect: spec.objectives[0].target: 1 leaves no error budget (every error would be an outage and burn rates would be infinite); use a target below 100%, such as 99.95% (0.9995)\n' +
        '1 problem found; no output written.\n',
    });
  });

  it('fails the whole run when one of several files is broken', async () => {
    const result = await run(['rules', 'examples/checkout-availability.yaml', 'broken.yaml'], {
      'broken.yaml': 'spec: [',
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^broken\.yaml: document 1: line 1: /);
  });

  it('reports an unreadable file', async () => {
    const result = await run(['validate', 'missing.yaml'], {});
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^missing\.yaml: cannot read the file: no such file\n/);
  });

  it('refuses the same SLO name in two files', async () => {
    const text = readFileSync(path.join(ROOT, 'examples/login-advanced.yaml'), 'utf8');
    const result = await run(['validate', 'a.yaml', 'b.yaml'], { 'a.yaml': text, 'b.yaml': text });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'b.yaml: metadata.name: "login-success" is already the name of an SLO in a.yaml: names must be unique\n'
    );
  });

  it.each([
    { name: 'no command', argv: [], message: 'Usage: burnrate' },
    { name: 'an unknown command', argv: ['deploy', 'x.yaml'], message: 'burnrate: unknown command "deploy"' },
    { name: 'no file', argv: ['rules'], message: 'burnrate rules: name at least one SLO file' },
    {
      name: 'an unknown format',
      argv: ['rules', 'x.yaml', '--format', 'thanos'],
      message: 'burnrate rules: --format must be one of prometheus, prometheus-rule, mimir, grafana, got "thanos"',
    },
    {
      name: 'convert without --to',
      argv: ['convert', 'x.yaml'],
      message: 'burnrate convert: --to must be openslo or burnrate',
    },
    {
      name: 'a bad evaluation interval',
      argv: ['rules', 'x.yaml', '--eval-interval', '10m'],
      message: 'burnrate: --eval-interval must be a whole number of seconds up to 5m, such as 30s or 1m, got "10m"',
    },
    { name: 'an unknown option', argv: ['rules', 'x.yaml', '--fromat', 'mimir'], message: "Unknown option '--fromat'" },
  ])('exits 2 on $name', async ({ argv, message }) => {
    const result = await run(argv);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(message);
  });

  it('writes each rule format', async () => {
    const file = 'examples/checkout-availability.yaml';
    const crd = YAML.parse(
      (await run(['rules', file, '--format', 'prometheus-rule', '--namespace', 'monitoring'])).stdout
    );
    expect(crd).toMatchObject({
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PrometheusRule',
      metadata: { namespace: 'monitoring' },
    });
    const mimir = YAML.parse((await run(['rules', file, '--format', 'mimir'])).stdout);
    expect(mimir.namespace).toBe('burnrate');
    expect(mimir.groups.map((g: { name: string }) => g.name)).toEqual([
      'burnrate-checkout-avail-01',
      'burnrate-checkout-avail-01-rollup',
    ]);
    const grafana = JSON.parse(
      (await run(['rules', file, '--format', 'grafana', '--datasource-uid', 'prom', '--folder-uid', 'slos'])).stdout
    );
    expect(grafana[0].rules[0].data[0].datasourceUid).toBe('prom');
    expect(grafana[0].folderUid).toBe('slos');
  });

  it('writes the rules one SLO at a time, waiting for each write', async () => {
    const writes: string[] = [];
    let pending = 0;
    const io: CliIo = {
      readFile: (file) => readFileSync(path.join(ROOT, file), 'utf8'),
      stdout: async (text) => {
        expect(pending).toBe(0);
        pending++;
        await new Promise((resolve) => setTimeout(resolve, 1));
        writes.push(text);
        pending--;
      },
      stderr: () => undefined,
    };
    const files = ['examples/checkout-availability.yaml', 'examples/api-latency.yaml', 'examples/login-advanced.yaml'];
    expect(await runCli(['rules', ...files], io)).toBe(0);
    expect(writes).toHaveLength(3);
    expect(writes.join('')).toBe((await run(['rules', ...files])).stdout);
  });

  it('refuses a file over the size limit, naming the limit', async () => {
    const result = await run(['validate', 'huge.yaml'], { 'huge.yaml': ' '.repeat(MAX_FILE_BYTES + 1) });
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'huge.yaml: cannot read the file: it holds more than 16 MiB, the most an SLO file may; split it into several files\n' +
        '1 problem found; no output written.\n',
    });
  });

  it('prints the first 50 problems of a file and counts the rest', async () => {
    const broken = Array.from({ length: 60 }, () => 'kind: Nothing\n').join('---\n');
    const result = await run(['validate', 'many.yaml'], { 'many.yaml': broken });
    const lines = result.stderr.split('\n');
    expect(lines.filter((l) => l.startsWith('many.yaml: document '))).toHaveLength(50);
    expect(lines.slice(-3)).toEqual([
      'many.yaml: and 10 more problems not shown',
      '60 problems found; no output written.',
      '',
    ]);
  });

  it('quotes and cuts names, keys and values: one problem is one short line', async () => {
    const name = `${'n'.repeat(10_000)}\nline two\u0000`;
    const text = YAML.stringify({
      apiVersion: 'burnrate.dev/v1',
      kind: 'ServiceLevelObjective',
      metadata: { name },
      spec: {
        service: 's',
        labels: { 'bad\nlabel': 'x' },
        indicator: { type: 'ratio', total: 'a_total', bad: 'a_total{code="5"}' },
        objectives: [{ target: 0.99, window: `30d\n${'x'.repeat(500)}` }],
      },
    });
    const result = await run(['validate', 'odd.yaml'], { 'odd.yaml': text });
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines.every((l) => l.length < 500 && !l.includes('\u0000'))).toBe(true);
    const shownName = `"${'n'.repeat(128)}…"`;
    expect(lines[0]).toBe(
      `odd.yaml: ${shownName}: spec.objectives[0].window: must be a duration such as 7d, 28d or 30d, or "week" or` +
        ` "month" for a calendar window; got "30d\\n${'x'.repeat(76)}…"`
    );
    expect(lines[2]).toBe(
      `odd.yaml: ${shownName}: "spec.labels.bad\\nlabel": "bad\\nlabel" is not a legal Prometheus label name: use` +
        ' letters, digits and "_", not starting with a digit or "__"'
    );
  });

  it('converts to OpenSLO and back to the same rules', async () => {
    const file = 'examples/payments-good-events.yaml';
    const openslo = (await run(['convert', file, '--to', 'openslo'])).stdout;
    expect(openslo).toContain('apiVersion: openslo/v1');
    const direct = (await run(['rules', file])).stdout;
    const viaOpenSlo = (await run(['rules', 'converted.yaml'], { 'converted.yaml': openslo })).stdout;
    expect(viaOpenSlo).toBe(direct);
  });
});
