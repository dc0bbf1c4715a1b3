/**
 * The OpenSLO `openslo/v1alpha` SLO as Sloth reads it (`sloth generate` takes these files as well):
 * each objective is one SLO of Sloth's, with id `<service>-<name>-<index>`, whose SLI is the ratio of
 * its `ratioMetrics` good and total PromQL queries (with `{{.window}}`), over a window of
 * `timeWindows[0].count` days (Sloth's default period without one). Sloth writes no alerts for these
 * SLOs, so they are imported with alerting off, and a warning says so.
 */
import { z } from 'zod';
import type { Slo, SloWindow, ValidationIssue } from '../slo/types';
import { parseTarget, parseWindow } from '../slo/values';
import { quote, quoteValue } from '../slo/quote';
import { HAS_WINDOW, promqlSyntaxMessage, readQueryGrouping } from './importing';
import { objectSchema, type DocumentIssue, type DocumentSchemas, type SourcePaths } from './document';
import { SLOTH_DEFAULT_WINDOW, type SlothOptions } from './sloth';

export const OPENSLO_ALPHA_API_VERSION = 'openslo/v1alpha';

function buildSchema(strict: boolean) {
  const obj = objectSchema(strict);
  const query = obj({ source: z.string(), queryType: z.string(), query: z.string() });
  return obj({
    apiVersion: z.literal(OPENSLO_ALPHA_API_VERSION),
    kind: z.literal('SLO'),
    metadata: obj({ name: z.string(), displayName: z.string().optional() }),
    spec: obj({
      service: z.string(),
      description: z.string().optional(),
      budgetingMethod: z.string().optional(),
      objectives: z
        .array(
          obj({
            displayName: z.string().optional(),
            value: z.number().optional(),
            target: z.union([z.number(), z.string()]),
            ratioMetrics: obj({ good: query, total: query, incremental: z.boolean().optional() }).optional(),
          })
        )
        .min(1),
      timeWindows: z.array(obj({ count: z.number(), unit: z.string(), isRolling: z.boolean().optional() })).optional(),
    }),
  });
}

export const slothOpenSloSchemas: DocumentSchemas<ReturnType<typeof buildSchema>> = {
  strict: buildSchema(true),
  loose: buildSchema(false),
};

type AlphaSlo = z.output<ReturnType<typeof buildSchema>>;

/** The SLOs Sloth makes of an `openslo/v1alpha` SLO, one per objective. */
export function importSlothOpenSlo(
  doc: AlphaSlo,
  options: SlothOptions = {}
): { slos: Slo[]; issues: DocumentIssue[]; paths: SourcePaths[] } {
  const { metadata, spec } = doc;
  const issues: DocumentIssue[] = [];
  const window = readWindow(spec.timeWindows, options, issues);
  if (spec.budgetingMethod !== undefined && spec.budgetingMethod !== 'Occurrences') {
    issues.push({
      path: 'spec.budgetingMethod',
      message: `${quote(spec.budgetingMethod)} is not what Sloth reads: it counts events (Occurrences)`,
      severity: 'error',
    });
  }
  const slos: Slo[] = [];
  const paths: SourcePaths[] = [];
  spec.objectives.forEach((objective, i) => {
    const path = `spec.objectives[${i}]`;
    const name = `${spec.service}-${metadata.name}-${i}`;
    const local: ValidationIssue[] = [];
    const target = parseTarget(objective.target, `${path}.target`, local);
    const indicator = readRatio(objective.ratioMetrics, `${path}.ratioMetrics`, local);
    issues.push(...local.map((issue) => ({ ...issue, slo: name })));
    if (!window || target === undefined || !indicator || local.some((issue) => issue.severity === 'error')) {
      return;
    }
    issues.push({
      path,
      message: 'imported with alerting off, as Sloth writes no alerts for OpenSLO input; turn alerting on in Burnrate',
      severity: 'warning',
      slo: name,
    });
    slos.push({
      name,
      uid: name,
      service: spec.service,
      labels: {},
      indicator,
      objectives: [{ target, window }],
      alerting: { enabled: false, labels: {} },
      annotations: {},
      ...(spec.description !== undefined && spec.description !== '' && { description: spec.description }),
    });
    paths.push([
      { from: 'metadata', to: 'metadata' },
      { from: 'spec.objectives[0]', to: path },
      { from: 'spec.objectives[0].window', to: 'spec.timeWindows[0]', whole: true },
      { from: 'spec.indicator', to: `${path}.ratioMetrics` },
      { from: 'spec.indicator.good', to: `${path}.ratioMetrics.good.query`, whole: true },
      { from: 'spec.indicator.total', to: `${path}.ratioMetrics.total.query`, whole: true },
      { from: 'spec.indicator.groupBy', to: `${path}.ratioMetrics.good.query`, whole: true },
    ]);
  });
  return { slos, issues, paths };
}

function readWindow(
  windows: AlphaSlo['spec']['timeWindows'],
  options: SlothOptions,
  issues: DocumentIssue[]
): SloWindow | undefined {
  const local: ValidationIssue[] = [];
  if (windows === undefined || windows.length === 0) {
    const window = parseWindow(options.slothWindow ?? SLOTH_DEFAULT_WINDOW, 'slothWindow', local);
    issues.push(...local);
    return window;
  }
  if (windows.length > 1) {
    issues.push({
      path: 'spec.timeWindows',
      message: `Sloth reads one window, got ${windows.length}`,
      severity: 'error',
    });
    return undefined;
  }
  const [{ count, unit }] = windows;
  if (unit.toLowerCase() !== 'day') {
    issues.push({
      path: 'spec.timeWindows[0].unit',
      message: `must be Day, as Sloth reads it, got ${quoteValue(unit)}`,
      severity: 'error',
    });
    return undefined;
  }
  const window = parseWindow(`${count}d`, 'spec.timeWindows[0].count', local);
  issues.push(...local);
  return window;
}

function readRatio(
  ratio: AlphaSlo['spec']['objectives'][number]['ratioMetrics'],
  path: string,
  issues: ValidationIssue[]
): Slo['indicator'] | undefined {
  const error = (p: string, message: string) => issues.push({ path: p, message, severity: 'error' });
  if (!ratio) {
    error(path, 'is required: Sloth reads ratio objectives, good and total PromQL queries');
    return undefined;
  }
  let valid = true;
  for (const key of ['good', 'total'] as const) {
    const { source, queryType, query } = ratio[key];
    const at = `${path}.${key}`;
    if (source !== 'prometheus' && source !== 'sloth') {
      error(`${at}.source`, `must be prometheus (or sloth), as Sloth reads it, got ${quoteValue(source)}`);
      valid = false;
    }
    if (queryType !== 'promql') {
      error(`${at}.queryType`, `must be promql, got ${quoteValue(queryType)}`);
      valid = false;
    }
    const problem = promqlSyntaxMessage(query);
    if (problem) {
      error(`${at}.query`, problem);
      valid = false;
    } else if (!HAS_WINDOW.test(query)) {
      issues.push({
        path: `${at}.query`,
        message:
          'has no {{.window}}, which Sloth puts its rate windows in: it is used as it is, so it must give events per second',
        severity: 'warning',
      });
    }
  }
  if (!valid) {
    return undefined;
  }
  const groupBy = readQueryGrouping(
    { query: ratio.good.query, path: `${path}.good.query` },
    { query: ratio.total.query, path: `${path}.total.query`, name: 'total.query' },
    error
  );
  return groupBy && { type: 'advanced', good: ratio.good.query, total: ratio.total.query, groupBy };
}
