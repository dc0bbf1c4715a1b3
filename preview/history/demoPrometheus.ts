/**
 * A Prometheus of the demo as its configuration describes it (demo/<name>/prometheus.yml, which
 * docker-compose.yaml mounts as Prometheus's working directory): the rule file it loads and the jobs it
 * scrapes from the traffic generator. The history of each Prometheus follows from these.
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

export interface ScrapeConfig {
  job_name: string;
  static_configs?: Array<{ targets: string[]; labels?: Record<string, string> }>;
  [key: string]: unknown;
}

export interface PrometheusConfig {
  global?: unknown;
  rule_files?: string[];
  scrape_configs?: ScrapeConfig[];
  [key: string]: unknown;
}

export interface DemoPrometheus {
  config: PrometheusConfig;
  /** Its rule file by the path the configuration names it, relative to the configuration's folder. */
  ruleFile: string;
  /** That file's text, or undefined when it is not there (not generated yet). */
  rulesYaml: string | undefined;
  /** The jobs that scrape the traffic generator (one per simulated service), not Prometheus itself. */
  jobs: string[];
}

/** Prometheus's own address in the demo's configurations. */
export const SELF_TARGET = 'localhost:9090';

export function isSelfScrape(job: ScrapeConfig): boolean {
  return (job.static_configs ?? []).some((s) => s.targets.some((t) => t.startsWith(SELF_TARGET)));
}

export function readDemoPrometheus(configFile: string): DemoPrometheus {
  const config = (YAML.parse(fs.readFileSync(configFile, 'utf8')) ?? {}) as PrometheusConfig;
  const ruleFiles = config.rule_files ?? [];
  // The backfill names one file per group for its evaluation offset: a glob would leave that open.
  if (ruleFiles.length !== 1 || /[*?[]/.test(ruleFiles[0])) {
    throw new Error(`${configFile}: rule_files must name exactly one file, not ${JSON.stringify(ruleFiles)}`);
  }
  const ruleFile = ruleFiles[0];
  const rulesPath = path.resolve(path.dirname(configFile), ruleFile);
  return {
    config,
    ruleFile,
    rulesYaml: fs.existsSync(rulesPath) ? fs.readFileSync(rulesPath, 'utf8') : undefined,
    jobs: (config.scrape_configs ?? []).filter((job) => !isSelfScrape(job)).map((job) => job.job_name),
  };
}
