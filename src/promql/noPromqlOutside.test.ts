import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as ts from 'typescript';

/**
 * Every PromQL string is written in src/promql/, where exact-string tests pin it: this test reads the
 * string and template literals (and JSX text) of every other source file with the TypeScript parser
 * and fails, naming file and line, on any that looks like PromQL. Tests and test helpers (src/testing/)
 * are left out: they assert on the queries.
 */

const SRC = path.join(__dirname, '..');
const LEFT_OUT_DIRS = new Set([__dirname, path.join(SRC, 'testing')]);

/** Stands for each `${…}` of a template literal, so that a query assembled from parts still reads as one. */
const HOLE = '\u0000';

/** PromQL's functions, and its aggregation operators called directly (`sum(…)`). */
const FUNCTIONS = (
  'absent absent_over_time acosh asinh atanh avg avg_over_time bottomk ceil changes clamp_max clamp_min cosh ' +
  'count count_over_time count_values day_of_month day_of_week day_of_year days_in_month deg delta deriv ' +
  'double_exponential_smoothing floor group histogram_avg histogram_count histogram_fraction ' +
  'histogram_quantile histogram_stddev histogram_stdvar histogram_sum holt_winters hour idelta increase ' +
  'irate label_join label_replace last_over_time limit_ratio limitk ln log10 log2 mad_over_time ' +
  'max_over_time min_over_time minute month predict_linear present_over_time quantile quantile_over_time ' +
  'rad rate resets scalar sgn sinh sort sort_by_label sort_by_label_desc sort_desc stddev ' +
  'stddev_over_time stdvar stdvar_over_time sum sum_over_time tanh time timestamp topk vector year'
).split(' ');
/** PromQL functions that CSS has too: PromQL only when no CSS length or variable is among the arguments. */
const CSS_FUNCTIONS = 'abs acos asin atan clamp cos exp max min round sin sqrt tan'.split(' ');
/** Grafana's queries of the variables of a Prometheus datasource. */
const VARIABLE_QUERIES = 'label_names label_values metrics query_result'.split(' ');
const AGGREGATIONS = 'avg bottomk count count_values group limit_ratio limitk max min quantile stddev stdvar sum topk';

const DURATION = String.raw`(?:\d+(?:ms|[smhdwy]))+`;
const NAME = `(?:[A-Za-z_][A-Za-z0-9_]*|${HOLE})`;
const CALL = String.raw`(?<![\w.$-])`;

/** What gives PromQL away, each with the words a failure prints. */
const SIGNS: ReadonlyArray<{ what: string; pattern: RegExp }> = [
  {
    what: 'a PromQL function call',
    pattern: new RegExp(
      String.raw`${CALL}(?:${FUNCTIONS.join('|')})\(|` +
        String.raw`${CALL}(?:${CSS_FUNCTIONS.join('|')})\((?![^)]*(?:\d(?:px|r?em|v[hw]|ch|fr|deg)\b|\d%|var\())`
    ),
  },
  { what: 'a variable query', pattern: new RegExp(String.raw`${CALL}(?:${VARIABLE_QUERIES.join('|')})\(`) },
  {
    what: 'a selector with label matchers',
    pattern: new RegExp(String.raw`\{\s*${NAME}\s*(?:=~|!~|!=|=)\s*(?:["']|${HOLE})`),
  },
  {
    what: 'a range or subquery',
    pattern: new RegExp(
      String.raw`\[${DURATION}(?::${DURATION}?)?\]|\[${HOLE}:(?:${HOLE}|${DURATION})\]|[)}]\[${HOLE}\]`
    ),
  },
  {
    what: 'an aggregation by labels',
    pattern: new RegExp(
      String.raw`\b(?:${AGGREGATIONS.replace(/ /g, '|')})\s+(?:by|without)\s*\(|\b(?:by|without)\s*\([^()]*\)\s*\(`
    ),
  },
  {
    what: 'vector matching',
    pattern: new RegExp(
      String.raw`(?:\b(?:and|or|unless)|[-+*/%^]|[<>]=?|[=!]=)\s+(?:on|ignoring)\s*\(|\bgroup_(?:left|right)\b`
    ),
  },
  { what: 'a comparison with bool', pattern: /(?:[<>]=?|[=!]=)\s*bool\b/ },
  {
    what: 'an offset or @ modifier',
    pattern: new RegExp(String.raw`\boffset\s+-?(?:${DURATION}|${HOLE})|@\s*(?:start|end)\(\)`),
  },
];

/** The first sign of PromQL in a text, or undefined. */
function promqlSign(text: string): string | undefined {
  return SIGNS.find((s) => s.pattern.test(text))?.what;
}

interface Allowance {
  /** From src/. */
  file: string;
  /** A piece of the literal's text. */
  contains: string;
  reason: string;
}

/** Literals outside promql/ that may hold PromQL: text that shows PromQL to a user, and data the user edits. */
const ALLOWED: readonly Allowance[] = [
  { file: 'formats/native.ts', contains: 'e.g. ', reason: 'help of a field of the SLO file, with an example' },
  { file: 'pages/SloEditor/IndicatorFields.tsx', contains: 'e.g. ', reason: 'help of a field, with an example' },
  { file: 'formats/openslo/indicator.ts', contains: 'write it as sum(rate(', reason: 'a warning that shows the fix' },
  { file: 'slo/tiers.ts', contains: 'example-', reason: 'the example SLIs of the templates, which the user edits' },
];

interface Finding {
  file: string;
  line: number;
  what: string;
  text: string;
}

function literalText(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isJsxText(node)) {
    return node.text;
  }
  if (ts.isTemplateExpression(node)) {
    return node.head.text + node.templateSpans.map((span) => HOLE + span.literal.text).join('');
  }
  return undefined;
}

/** The literals of a source file that look like PromQL, less the allowed ones (added to `used`). */
function findPromql(file: string, source: string, used: Set<Allowance>): Finding[] {
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, kind);
  const findings: Finding[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) {
      return;
    }
    const text = literalText(node);
    const what = text === undefined ? undefined : promqlSign(text);
    if (text !== undefined && what !== undefined) {
      const allowance = ALLOWED.find((a) => a.file === file && text.includes(a.contains));
      if (allowance) {
        used.add(allowance);
      } else {
        const line = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
        findings.push({ file, line, what, text: text.split(HOLE).join('${…}') });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return findings;
}

/** The source files under `dir`, tests and declarations left out. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      return LEFT_OUT_DIRS.has(full) ? [] : sourceFiles(full);
    }
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')
      ? [full]
      : [];
  });
}

describe('signs of PromQL', () => {
  it.each([
    ['sum(rate(http_requests_total[5m]))'],
    ['histogram_quantile(0.99, x)'],
    ['clamp_min(x, 0)'],
    ['max(x) by (route)'],
    ['slo:events:rate5m{slo_uid="checkout"}'],
    [`{${HOLE}=${HOLE}}`],
    [`sum_over_time(${HOLE})`],
    [`(${HOLE})[${HOLE}:${HOLE}]`],
    [`${HOLE}{${HOLE}}[${HOLE}]`],
    [`sum by (${HOLE}) (${HOLE})`],
    ['x / on (route) y'],
    [`${HOLE} >= bool ${HOLE}`],
    [`${HOLE} offset ${HOLE}`],
    ['vector(time()) @ start()'],
    [`label_values(${HOLE}, route)`],
  ])('flags %j', (text) => {
    expect(promqlSign(text)).toBeDefined();
  });

  it.each([
    ['Burn rate over 1h'],
    ['The budget is the sum of the allowed bad events (events x (1 - target))'],
    ['objectives[0].target'],
    [`objectives[${HOLE}].window`],
    ['display: flex; gap: 8px; color: rgb(0, 0, 0)'],
    ['width: min(100%, 40rem); height: max(200px, var(--h))'],
    ['Group by (optional)'],
    ['{{route}} {{code}}'],
    ['an offset of 5 minutes'],
    ['Sort by (name)'],
  ])('leaves %j alone', (text) => {
    expect(promqlSign(text)).toBeUndefined();
  });
});

describe('no PromQL outside src/promql/', () => {
  const used = new Set<Allowance>();
  const findings = sourceFiles(SRC).flatMap((full) =>
    findPromql(path.relative(SRC, full).split(path.sep).join('/'), readFileSync(full, 'utf8'), used)
  );

  it('finds none in the other source files', () => {
    expect(findings.map((f) => `src/${f.file}:${f.line}: ${f.what}: ${JSON.stringify(f.text)}`)).toEqual([]);
  });

  it('uses every allowance, so that none outlives its reason', () => {
    expect(ALLOWED.filter((a) => !used.has(a)).map((a) => `${a.file}: ${a.contains}`)).toEqual([]);
  });
});
