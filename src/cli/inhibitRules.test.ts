import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runInhibitRules } from './inhibitRules';
import type { CliIo } from './run';

const ROOT = path.join(__dirname, '..', '..');

async function run(argv: string[], files: Record<string, string>) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    readFile: (file) => (file in files ? files[file] : readFileSync(path.join(ROOT, file), 'utf8')),
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  };
  const code = await runInhibitRules(argv, io);
  return { code, stdout, stderr };
}

const EXAMPLES = [
  'examples/checkout-availability.yaml',
  'examples/search-availability.yaml',
  'examples/payments-good-events.yaml',
  'examples/login-advanced.yaml',
];

const CATALOGUE = `apiVersion: burnrate.dev/v1
kind: Catalogue
journeys:
  - name: Checkout
    sloUid: checkout-avail-01
    steps:
      - { title: Search, sloUid: search-availability }
      - { title: Pay, sloUid: payments-authorisations }
  - name: Login
    steps: [{ title: Submit, sloUid: login-success }]
`;

describe('burnrate inhibit-rules', () => {
  it('prints the inhibit rules of the journeys that name their own SLO, and says which do not', async () => {
    expect(
      await run(['catalogue.yaml', ...EXAMPLES.flatMap((file) => ['--slo', file])], { 'catalogue.yaml': CATALOGUE })
    ).toEqual({
      code: 0,
      stdout: [
        'inhibit_rules:',
        '  - source_matchers:',
        '      - alertname="SLOErrorBudgetBurn"',
        '      - severity="page"',
        '      - slo_uid="checkout-avail-01"',
        '    target_matchers:',
        '      - alertname="SLOErrorBudgetBurn"',
        '      - severity="page"',
        '      - slo_uid=~"search-availability|payments-authorisations"',
        '    equal:',
        '      - long_window',
        '',
      ].join('\n'),
      stderr: 'journey "Login" names no SLO of its own (sloUid): nothing holds its steps back\n',
    });
  });

  it('refuses a journey SLO that is not among the SLO files', async () => {
    const result = await run(['catalogue.yaml', '--slo', 'examples/api-latency.yaml'], {
      'catalogue.yaml': CATALOGUE,
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('catalogue.yaml: journeys[0].sloUid: unknown SLO "checkout-avail-01"\n');
    expect(result.stderr).toMatch(/\d+ problems found; no output written\.\n$/);
  });

  it('refuses what is not a catalogue, and asks for exactly one file', async () => {
    const wrong = await run(['catalogue.yaml'], { 'catalogue.yaml': 'apiVersion: burnrate.dev/v1\nkind: Other\n' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('catalogue.yaml: kind:');
    expect((await run([], {})).code).toBe(2);
    expect((await run(['a.yaml', 'b.yaml'], {})).code).toBe(2);
  });
});
