import YAML from 'yaml';
import { runCli, type CliIo } from './run';

async function run(argv: string[], files: Record<string, string>) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    readFile: (file) => {
      const text = files[file];
      if (text === undefined) {
        throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
      }
      return text;
    },
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

const slo = (name: string, datasource?: string) => `apiVersion: burnrate.dev/v1
kind: ServiceLevelObjective
metadata: { name: ${name} }
spec:
  service: ${name}
${datasource !== undefined ? `  datasource: { uid: ${datasource} }\n` : ''}  indicator: { type: ratio, total: 'req_total{job="${name}"}', bad: 'req_total{job="${name}",code="500"}' }
  objectives: [{ target: 99.9%, window: 30d }]
`;

const FILES = {
  'eu.yaml': slo('eu-api', 'prom-eu'),
  'us.yaml': slo('us-api', 'prom-us'),
  'plain.yaml': slo('plain-api'),
};

/** The SLO names whose groups a Prometheus rule file holds. */
function slosOf(text: string): string[] {
  const doc = YAML.parse(text) as { groups: Array<{ rules: Array<{ labels?: Record<string, string> }> }> };
  return [...new Set(doc.groups.flatMap((g) => g.rules.map((r) => r.labels?.slo)).filter((s) => s !== undefined))];
}

describe('burnrate CLI and datasources', () => {
  it('refuses to mix the rules of several datasources in one rule file, counting the SLOs of each', async () => {
    const result = await run(['rules', 'eu.yaml', 'us.yaml', 'plain.yaml'], FILES);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('the SLOs are on 3 datasources');
    expect(result.stderr).toContain('prom-eu (1 SLO), prom-us (1 SLO), the default datasource (1 SLO)');
    expect(result.stderr).toContain('--for-datasource UID');
  });

  it('prints the rules of one datasource with --for-datasource', async () => {
    const result = await run(['rules', 'eu.yaml', 'us.yaml', '--for-datasource', 'prom-us'], FILES);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(slosOf(result.stdout)).toEqual(['us-api']);
  });

  it('puts the SLOs that name none on --datasource-uid', async () => {
    const result = await run(
      ['rules', 'eu.yaml', 'plain.yaml', '--datasource-uid', 'prom-eu', '--for-datasource', 'prom-eu'],
      FILES
    );
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(slosOf(result.stdout)).toEqual(['eu-api', 'plain-api']);
    const converted = await run(['convert', 'plain.yaml', '--to', 'burnrate', '--datasource-uid', 'prom-eu'], FILES);
    expect(converted.stdout).toContain('  datasource:\n    uid: prom-eu\n');
  });

  it('keeps the datasource an SLO names over --datasource-uid', async () => {
    const converted = await run(['convert', 'us.yaml', '--to', 'burnrate', '--datasource-uid', 'prom-eu'], FILES);
    expect(converted.stdout).toContain('uid: prom-us');
    expect(converted.stdout).not.toContain('prom-eu');
  });

  it("writes Grafana-managed alerts of all datasources at once, each querying its SLO's datasource", async () => {
    const result = await run(['rules', 'eu.yaml', 'us.yaml', '--format', 'grafana', '--folder-uid', 'f'], FILES);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const groups = JSON.parse(result.stdout) as Array<{
      title: string;
      rules: Array<{ data: Array<{ datasourceUid: string }> }>;
    }>;
    const used = groups.map((g) => [
      g.title,
      [...new Set(g.rules.flatMap((r) => r.data.map((d) => d.datasourceUid)))].sort(),
    ]);
    expect(used).toEqual([
      ['burnrate-eu-api', ['__expr__', 'prom-eu']],
      ['burnrate-us-api', ['__expr__', 'prom-us']],
    ]);
  });

  it('warns when no SLO is on the datasource named', async () => {
    const result = await run(['rules', 'eu.yaml', '--for-datasource', 'prom-us'], FILES);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('no SLO is on the datasource "prom-us"');
    expect(YAML.parse(result.stdout)).toEqual({ groups: [] });
  });

  it.each(['--datasource-uid', '--for-datasource'])('refuses a %s that is no uid', async (flag) => {
    const result = await run(['rules', 'eu.yaml', flag, '{{ $value }}'], FILES);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${flag} must be a Grafana datasource uid`);
  });
});
