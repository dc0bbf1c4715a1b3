import { getHistogramBuckets, getLabelNames, getLabelValues, getMetricNames } from '../../api/prometheusMetadata';
import { completionContext, rankCandidates, type CompletionContext } from './completion';

export interface Completions {
  context: CompletionContext;
  candidates: string[];
}

/** Suggestions for the SLI fields from the data of the datasource. */
export interface SliSuggestions {
  /** Candidates for the end of a selector; `histograms` lists histogram base names instead of metric names. */
  complete: (text: string, histograms?: boolean) => Promise<Completions | undefined>;
  /** The bucket boundaries of a classic histogram. */
  buckets: (histogram: string) => Promise<string[]>;
}

const BUCKET_SUFFIX = '_bucket';

/** How long the metric names read are kept: metrics that appear meanwhile show up after it. */
export const METRIC_NAMES_TTL_MS = 5 * 60_000;

/**
 * Suggestions through the datasource's Prometheus metadata API. Metric names are read once and kept a
 * while; a failed or empty answer (a Prometheus that has not scraped yet) is not kept.
 */
export function datasourceSuggestions(datasourceUid: string, now: () => number = Date.now): SliSuggestions {
  let metricNames: { readAt: number; names: Promise<string[]> } | undefined;
  const names = () => {
    if (!metricNames || now() - metricNames.readAt > METRIC_NAMES_TTL_MS) {
      const read = getMetricNames(datasourceUid).then(
        (list) => {
          if (list.length === 0 && metricNames?.names === read) {
            metricNames = undefined;
          }
          return list;
        },
        (error: unknown) => {
          if (metricNames?.names === read) {
            metricNames = undefined;
          }
          throw error;
        }
      );
      metricNames = { readAt: now(), names: read };
    }
    return metricNames.names;
  };
  return {
    complete: async (text, histograms = false) => {
      const context = completionContext(text);
      if (!context) {
        return undefined;
      }
      let candidates: string[];
      switch (context.kind) {
        case 'metric': {
          const all = await names();
          candidates = histograms
            ? all.filter((n) => n.endsWith(BUCKET_SUFFIX)).map((n) => n.slice(0, -BUCKET_SUFFIX.length))
            : all;
          break;
        }
        case 'labelName': {
          const match = histograms
            ? context.match.replace(context.metric, `${context.metric}${BUCKET_SUFFIX}`)
            : context.match;
          candidates = (await getLabelNames(datasourceUid, match)).filter(
            (n) => n !== '__name__' && !(histograms && n === 'le')
          );
          break;
        }
        case 'labelValue': {
          const match = histograms
            ? context.match.replace(context.metric, `${context.metric}${BUCKET_SUFFIX}`)
            : context.match;
          candidates = await getLabelValues(datasourceUid, context.label, match);
          break;
        }
      }
      return { context, candidates: rankCandidates(candidates, context.prefix) };
    },
    buckets: (histogram) => getHistogramBuckets(datasourceUid, histogram),
  };
}
