import { parseArgs } from 'node:util';
import type { Slo } from '../slo/types';
import { parsePromDuration } from '../slo/duration';
import { validateSlo, validateSloSet } from '../rules/validate';
import { loadSloDocuments, type FileIssue } from '../formats/load';
import { exportSlos } from '../formats/export';
import { buildRuleGroups, DEFAULT_EVALUATION_INTERVAL } from '../rules/build';
import { RULE_FORMATS, renderRules, type RuleFormat } from '../rules/output';

export interface CliIo {
  readFile: (path: string) => string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export const EXIT = { ok: 0, invalid: 1, usage: 2 } as const;

export const USAGE = `Usage: burnrate <command> [options] FILE...

Commands:
  validate FILE...                 check SLO files; exit 1 and one line per problem if any is wrong
  rules FILE... [options]          print the Prometheus rules of the SLOs
      --format F                   prometheus (default), prometheus-rule, mimir, grafana
      --eval-interval D            evaluation interval of the base rules (default 30s)
      --grafana-url URL            link alerts to the SLO page in this Grafana
      --namespace NS               PrometheusRule metadata.namespace, or the ruler namespace (mimir)
      --datasource-uid UID         grafana: the Prometheus datasource the alerts query
      --folder-uid UID             grafana: the folder of the alert rules
  convert FILE --to openslo|burnrate
                                   print the SLOs of FILE in another format
  gate --service NAME --risk low|medium|high --prometheus URL [--json]
                                   release decision from the service's budgets in Prometheus;
                                   exit 0 only when the change is approved (burnrate gate --help)
  report (--month YYYY-MM | --from TIME [--to TIME]) --prometheus URL [--service NAME]...
         [--team-size N] [--format text|csv|html|markdown|json] [--output FILE]
                                   the SLO report of a month or range (burnrate report --help)

FILE may be native Burnrate, OpenSLO v1, Sloth or Pyrra YAML, with several documents per file; - reads stdin.
`;

interface LoadedSlo {
  slo: Slo;
  source: string;
}

/** Runs one CLI command; returns the exit code. Nothing goes to stdout unless every file is valid. */
export function runCli(argv: string[], io: CliIo): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string' },
        'eval-interval': { type: 'string' },
        'grafana-url': { type: 'string' },
        namespace: { type: 'string' },
        'datasource-uid': { type: 'string' },
        'folder-uid': { type: 'string' },
        to: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    io.stderr(`burnrate: ${e instanceof Error ? e.message : String(e)}\n\n${USAGE}`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  const [command, ...files] = positionals;
  if (values.help || command === 'help' || command === undefined) {
    (command === undefined && !values.help ? io.stderr : io.stdout)(USAGE);
    return command === undefined && !values.help ? EXIT.usage : EXIT.ok;
  }
  if (!['validate', 'rules', 'convert'].includes(command)) {
    io.stderr(`burnrate: unknown command "${command}"\n\n${USAGE}`);
    return EXIT.usage;
  }
  if (files.length === 0) {
    io.stderr(`burnrate ${command}: name at least one SLO file\n`);
    return EXIT.usage;
  }
  const format = (values.format ?? 'prometheus') as RuleFormat;
  if (!RULE_FORMATS.includes(format)) {
    io.stderr(`burnrate rules: --format must be one of ${RULE_FORMATS.join(', ')}, got "${values.format}"\n`);
    return EXIT.usage;
  }
  if (command === 'convert' && values.to !== 'openslo' && values.to !== 'burnrate') {
    io.stderr(`burnrate convert: --to must be openslo or burnrate${values.to ? `, got "${values.to}"` : ''}\n`);
    return EXIT.usage;
  }
  const evaluationInterval = values['eval-interval'] ?? DEFAULT_EVALUATION_INTERVAL;
  const intervalSeconds = parsePromDuration(evaluationInterval);
  if (intervalSeconds === undefined || !Number.isInteger(intervalSeconds) || intervalSeconds > 300) {
    io.stderr(
      `burnrate: --eval-interval must be a whole number of seconds up to 5m, such as 30s or 1m, got "${evaluationInterval}"\n`
    );
    return EXIT.usage;
  }

  const { slos, problems, warnings } = loadAll(files, io, evaluationInterval);
  for (const line of warnings) {
    io.stderr(`${line}\n`);
  }
  if (problems.length > 0) {
    for (const line of problems) {
      io.stderr(`${line}\n`);
    }
    io.stderr(`${problems.length} problem${problems.length === 1 ? '' : 's'} found; no output written.\n`);
    return EXIT.invalid;
  }
  switch (command) {
    case 'validate':
      io.stdout(
        `${slos.length} SLO${slos.length === 1 ? '' : 's'} valid in ${files.length} file${files.length === 1 ? '' : 's'}.\n`
      );
      return EXIT.ok;
    case 'rules': {
      const groups = slos.flatMap(({ slo }) =>
        buildRuleGroups(slo, { evaluationInterval, grafanaUrl: values['grafana-url'] })
      );
      io.stdout(
        renderRules(groups, format, {
          crdNamespace: values.namespace,
          rulerNamespace: values.namespace,
          datasourceUid: values['datasource-uid'],
          folderUid: values['folder-uid'],
        })
      );
      return EXIT.ok;
    }
    default:
      io.stdout(
        exportSlos(
          slos.map((s) => s.slo),
          values.to === 'openslo' ? 'openslo' : 'burnrate'
        )
      );
      return EXIT.ok;
  }
}

function loadAll(
  files: string[],
  io: CliIo,
  evaluationInterval: string
): { slos: LoadedSlo[]; problems: string[]; warnings: string[] } {
  const slos: LoadedSlo[] = [];
  const problems: string[] = [];
  const warnings: string[] = [];
  const report = (file: string, issue: FileIssue) => {
    const where = issue.slo ?? (issue.document !== undefined ? `document ${issue.document + 1}` : undefined);
    const line = `${file}: ${where ? `${where}: ` : ''}${issue.path ? `${issue.path}: ` : ''}${issue.message}`;
    (issue.severity === 'error' ? problems : warnings).push(issue.severity === 'error' ? line : `${line} (warning)`);
  };
  for (const file of files) {
    let text: string;
    try {
      text = io.readFile(file);
    } catch (e) {
      problems.push(`${file}: cannot read the file: ${describeReadError(e)}`);
      continue;
    }
    const result = loadSloDocuments(text);
    result.issues.forEach((issue) => report(file, issue));
    if (result.slos.length === 0 && result.issues.length === 0) {
      problems.push(`${file}: holds no SLO`);
    }
    for (const { slo, document } of result.slos) {
      validateSlo(slo, { evaluationInterval }).forEach((issue) => report(file, { ...issue, slo: slo.name, document }));
      slos.push({ slo, source: file });
    }
  }
  for (const issue of validateSloSet(slos)) {
    problems.push(`${issue.source}: ${issue.path}: ${issue.message}`);
  }
  return { slos, problems, warnings };
}

const READ_ERRORS: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'it is a directory',
  EACCES: 'permission denied',
};

function describeReadError(e: unknown): string {
  const code = typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : '';
  return READ_ERRORS[code] ?? (e instanceof Error ? e.message : String(e));
}
