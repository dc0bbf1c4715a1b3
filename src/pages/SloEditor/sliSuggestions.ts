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

/** Suggestions through the datasource's Prometheus metadata API; metric names are read once. */
export function datasourceSuggestions(datasourceUid: string): SliSuggestions {
  let metricNames: Promise<string[]> | undefined;
  const names = () => {
    metricNames ??= getMetricNames(datasourceUid).catch((error: unknown) => {
      metricNames = undefined;
      throw error;
    });
    return metricNames;
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
