import { parseArgs } from 'node:util';
import type { Slo } from '../slo/types';
import { parsePromDuration } from '../slo/duration';
import { validateSlo, validateSloSet } from '../rules/validate';
import { loadSloFiles, sourcePath, type FileIssue, type SloFile } from '../formats/load';
import { exportSlos } from '../formats/export';
import { buildRuleGroups, DEFAULT_EVALUATION_INTERVAL } from '../rules/build';
import { RULE_FORMATS, renderRulesInChunks, type RuleFormat } from '../rules/output';
import { printableLine, quote, quoteIfUnusual } from '../slo/quote';
import { datasourceCounts } from './datasourceUrls';
import { DATASOURCE_UID_RULE, groupByDatasource, isDatasourceUid } from '../slo/datasource';

export interface CliIo {
  /** The file's text; a file over MAX_FILE_BYTES should fail with the code EFBIG rather than be read whole. */
  readFile: (path: string) => string;
  /**
   * The YAML files (`.yaml`, `.yml`) under a directory, at any depth, in order; undefined when the path
   * is not a directory. A directory is read as its files, all of them one catalogue.
   */
  listYamlFiles?: (path: string) => string[] | undefined;
  /** The rules go out a chunk at a time: a returned Promise holds the next chunk back until it resolves. */
  stdout: (text: string) => unknown;
  stderr: (text: string) => void;
}

/** The largest SLO file the CLI reads: 16 MiB, some 20,000 SLOs; more SLOs go in more files. */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;
/** Problems (and warnings) printed per file: after these, one line says how many more there are. */
export const MAX_LINES_PER_FILE = 50;
/** The longest line of a problem: user text in messages is quoted and cut already, this is the last guard. */
const MAX_LINE_LENGTH = 1000;

export const EXIT = { ok: 0, invalid: 1, usage: 2 } as const;

export const USAGE = `Usage: burnrate <command> [options] FILE...

Commands:
  validate FILE...                 check SLO files; exit 1 and one line per problem if any is wrong
  rules FILE... [options]          print the Prometheus rules of the SLOs
      --format F                   prometheus (default), prometheus-rule, mimir, grafana
      --eval-interval D            evaluation interval of the base rules (default 30s)
      --grafana-url URL            link alerts to the SLO page in this Grafana
      --namespace NS               PrometheusRule metadata.namespace, or the ruler namespace (mimir)
      --datasource-uid UID         the datasource of the SLOs that name none (spec.datasource.uid)
      --for-datasource UID         only the SLOs on this datasource: each Prometheus or ruler runs
                                   its own SLOs' rules (needed when the SLOs are on several)
      --folder-uid UID             grafana: the folder of the alert rules
  convert FILE --to openslo|burnrate [--datasource-uid UID]
                                   print the SLOs of FILE in another format
  inhibit-rules CATALOGUE [--slo FILE]...
                                   Alertmanager inhibit rules: a journey's page holds back its steps'
                                   pages (burnrate inhibit-rules --help)
  gate --service NAME --risk low|medium|high --prometheus URL [--json]
                                   release decision from the service's budgets in Prometheus;
                                   exit 0 only when the change is approved (burnrate gate --help)
  report (--month YYYY-MM | --from TIME [--to TIME]) --prometheus URL [--service NAME]...
         [--team-size N] [--format text|csv|html|markdown|json] [--output FILE]
                                   the SLO report of a month or range (burnrate report --help)
  backtest FILE... --prometheus URL [--days N] [--json]
                                   replay the SLOs' alerts over their past traffic and compare alert
                                   sets: pages, delays, missed incidents (burnrate backtest --help)
  suggest FILE... --prometheus URL [--days N] [--json]
                                   a target from history: the SLI per week and what each tier target
                                   would have left of its budget (burnrate suggest --help)

FILE may be native Burnrate, OpenSLO v1, Sloth or Pyrra YAML, with several documents per file; - reads stdin.
A directory stands for its .yaml and .yml files; all files given are one catalogue (OpenSLO references).
burnrate --version prints the version.
`;

interface LoadedSlo {
  slo: Slo;
  source: string;
}

/**
 * Runs one CLI command; resolves to the exit code. Nothing goes to stdout unless every file is valid; the
 * rules then go out one SLO at a time, each write awaited, so that memory does not grow with the output.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
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
        'for-datasource': { type: 'string' },
        'folder-uid': { type: 'string' },
        to: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    const message = printableLine(e instanceof Error ? e.message : String(e), MAX_LINE_LENGTH);
    io.stderr(`burnrate: ${message}\n\n${USAGE}`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  const [command, ...files] = positionals;
  if (values.help || command === 'help' || command === undefined) {
    (command === undefined && !values.help ? io.stderr : io.stdout)(USAGE);
    return command === undefined && !values.help ? EXIT.usage : EXIT.ok;
  }
  if (!['validate', 'rules', 'convert'].includes(command)) {
    io.stderr(`burnrate: unknown command ${quote(command)}\n\n${USAGE}`);
    return EXIT.usage;
  }
  if (files.length === 0) {
    io.stderr(`burnrate ${command}: name at least one SLO file\n`);
    return EXIT.usage;
  }
  const format = (values.format ?? 'prometheus') as RuleFormat;
  if (!RULE_FORMATS.includes(format)) {
    io.stderr(
      `burnrate rules: --format must be one of ${RULE_FORMATS.join(', ')}, got ${quote(values.format ?? '')}\n`
    );
    return EXIT.usage;
  }
  if (command === 'convert' && values.to !== 'openslo' && values.to !== 'burnrate') {
    io.stderr(`burnrate convert: --to must be openslo or burnrate${values.to ? `, got ${quote(values.to)}` : ''}\n`);
    return EXIT.usage;
  }
  for (const flag of ['datasource-uid', 'for-datasource'] as const) {
    const uid = values[flag];
    if (uid !== undefined && !isDatasourceUid(uid)) {
      io.stderr(`burnrate: --${flag} ${DATASOURCE_UID_RULE}, got ${quote(uid)}\n`);
      return EXIT.usage;
    }
  }
  const evaluationInterval = values['eval-interval'] ?? DEFAULT_EVALUATION_INTERVAL;
  const intervalSeconds = parsePromDuration(evaluationInterval);
  if (intervalSeconds === undefined || !Number.isInteger(intervalSeconds) || intervalSeconds > 300) {
    io.stderr(
      `burnrate: --eval-interval must be a whole number of seconds up to 5m, such as 30s or 1m, got ${quote(evaluationInterval)}\n`
    );
    return EXIT.usage;
  }

  const loaded = loadAll(files, io, evaluationInterval);
  const { fileCount, problems, problemCount, warnings } = loaded;
  // SLOs that name no datasource live on the one the command names, and are written so by convert.
  const defaultDatasource = values['datasource-uid'];
  const slos = loaded.slos.map((s) =>
    defaultDatasource !== undefined && s.slo.datasourceUid === undefined
      ? { ...s, slo: { ...s.slo, datasourceUid: defaultDatasource } }
      : s
  );
  for (const line of warnings) {
    io.stderr(`${line}\n`);
  }
  if (problems.length > 0) {
    for (const line of problems) {
      io.stderr(`${line}\n`);
    }
    io.stderr(`${problemCount} problem${problemCount === 1 ? '' : 's'} found; no output written.\n`);
    return EXIT.invalid;
  }
  switch (command) {
    case 'validate':
      await io.stdout(
        `${slos.length} SLO${slos.length === 1 ? '' : 's'} valid in ${fileCount} file${fileCount === 1 ? '' : 's'}.\n`
      );
      return EXIT.ok;
    case 'rules': {
      const chosen = slosForRules(slos, values['for-datasource'], format, io);
      if (!chosen) {
        return EXIT.usage;
      }
      // One SLO's groups at a time: 50,000 SLOs make over a gigabyte of rules, more than one string may hold.
      const batches = (function* () {
        for (const { slo } of chosen) {
          yield {
            groups: buildRuleGroups(slo, { evaluationInterval, grafanaUrl: values['grafana-url'] }),
            datasourceUid: slo.datasourceUid,
          };
        }
      })();
      const chunks = renderRulesInChunks(batches, format, {
        crdNamespace: values.namespace,
        rulerNamespace: values.namespace,
        datasourceUid: values['datasource-uid'],
        folderUid: values['folder-uid'],
      });
      for (const chunk of chunks) {
        await io.stdout(chunk);
      }
      return EXIT.ok;
    }
    default:
      await io.stdout(
        exportSlos(
          slos.map((s) => s.slo),
          values.to === 'openslo' ? 'openslo' : 'burnrate'
        )
      );
      return EXIT.ok;
  }
}

/**
 * The SLOs whose rules are printed: those on the datasource named, or all of them. A rule file is for one
 * Prometheus (or ruler), so SLOs on several datasources need a choice, except as Grafana-managed alerts,
 * each of which queries its own SLO's datasource. Undefined, after a message, when no choice was made.
 */
function slosForRules(
  slos: LoadedSlo[],
  only: string | undefined,
  format: RuleFormat,
  io: CliIo
): LoadedSlo[] | undefined {
  if (only !== undefined) {
    const chosen = slos.filter(({ slo }) => slo.datasourceUid === only);
    if (chosen.length === 0) {
      io.stderr(`burnrate rules: no SLO is on the datasource ${quote(only)}; the rules are empty (warning)\n`);
    }
    return chosen;
  }
  const datasources = groupByDatasource(
    slos.map(({ slo }) => slo),
    ''
  );
  if (datasources.size <= 1 || format === 'grafana') {
    return slos;
  }
  io.stderr(
    `burnrate rules: the SLOs are on ${datasources.size} datasources, and each runs its own SLOs' rules: ` +
      `${datasourceCounts(datasources)}. Print one at a time with --for-datasource UID` +
      `${datasources.has('') ? ', naming the default one with --datasource-uid UID' : ''}.\n`
  );
  return undefined;
}

function loadAll(
  files: string[],
  io: CliIo,
  evaluationInterval: string
): { slos: LoadedSlo[]; fileCount: number; problems: string[]; problemCount: number; warnings: string[] } {
  const slos: LoadedSlo[] = [];
  const problems = new FileLines('problem');
  const warnings = new FileLines('warning');
  const report = (file: string, issue: FileIssue) => {
    const where = issue.slo ?? (issue.document !== undefined ? `document ${issue.document + 1}` : undefined);
    const line = `${where ? `${quoteIfUnusual(where, 128)}: ` : ''}${issue.path ? `${quoteIfUnusual(issue.path, 256)}: ` : ''}${issue.message}`;
    if (issue.severity === 'error') {
      problems.add(file, line);
    } else {
      warnings.add(file, `${line} (warning)`);
    }
  };
  // Every file named, and every YAML file of every directory named, is one catalogue: OpenSLO
  // documents refer to each other by name across them, as oslo reads them.
  const texts: SloFile[] = [];
  const expanded = files.flatMap((path) => {
    const inDirectory = path === '-' ? undefined : io.listYamlFiles?.(path);
    if (inDirectory?.length === 0) {
      problems.add(path, 'is a directory without a .yaml or .yml file');
    }
    return inDirectory ?? [path];
  });
  for (const file of expanded) {
    try {
      const text = io.readFile(file);
      if (text.length > MAX_FILE_BYTES) {
        throw Object.assign(new Error('file too large'), { code: 'EFBIG' });
      }
      texts.push({ name: file, text });
    } catch (e) {
      problems.add(file, `cannot read the file: ${describeReadError(e)}`);
    }
  }
  const result = loadSloFiles(texts);
  result.issues.forEach((issue) => report(issue.file, issue));
  // Validation names native fields: each is reported as the file spells it (Sloth's slos[0].objective).
  for (const { slo, document, file, paths } of result.slos) {
    validateSlo(slo, { evaluationInterval }).forEach((issue) =>
      report(file, { ...issue, path: sourcePath(paths, issue.path), slo: slo.name, document })
    );
    slos.push({ slo, source: file });
  }
  for (const issue of validateSloSet(slos)) {
    const path = sourcePath(result.slos[issue.index]?.paths, issue.path);
    problems.add(issue.source, `${quoteIfUnusual(path, 256)}: ${issue.message}`);
  }
  return {
    slos,
    fileCount: expanded.length,
    problems: problems.lines(),
    problemCount: problems.total,
    warnings: warnings.lines(),
  };
}

/**
 * Lines about files, at most MAX_LINES_PER_FILE per file and kind: a file of random bytes makes a
 * problem of nearly every line, and the first few say all there is to say. Every line is printable.
 */
class FileLines {
  private readonly shown: string[] = [];
  private readonly counts = new Map<string, number>();

  constructor(private readonly kind: 'problem' | 'warning') {}

  add(file: string, text: string): void {
    const count = (this.counts.get(file) ?? 0) + 1;
    this.counts.set(file, count);
    if (count <= MAX_LINES_PER_FILE) {
      this.shown.push(printableLine(`${quoteIfUnusual(file, 1024)}: ${text}`, MAX_LINE_LENGTH));
    }
  }

  /** The lines shown, then one line for each file with more. */
  lines(): string[] {
    const more = [...this.counts].filter(([, count]) => count > MAX_LINES_PER_FILE);
    const summaries = more.map(
      ([file, count]) => `${quoteIfUnusual(file, 1024)}: and ${count - MAX_LINES_PER_FILE} more ${this.kind}s not shown`
    );
    return [...this.shown, ...summaries];
  }

  get total(): number {
    return [...this.counts.values()].reduce((sum, count) => sum + count, 0);
  }
}

const READ_ERRORS: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'it is a directory',
  EACCES: 'permission denied',
  EFBIG: `it holds more than ${MAX_FILE_BYTES / 1024 / 1024} MiB, the most an SLO file may; split it into several files`,
};

function describeReadError(e: unknown): string {
  const code = typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : '';
  return READ_ERRORS[code] ?? (e instanceof Error ? e.message : String(e));
}
