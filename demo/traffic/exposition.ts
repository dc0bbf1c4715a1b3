/** Prometheus text exposition format 0.0.4. */
import type { Family, Labels } from './sim.ts';

export const CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

export function formatLabels(labels: Labels): string {
  if (labels.length === 0) {
    return '';
  }
  return `{${labels.map(([name, value]) => `${name}="${escapeLabelValue(value)}"`).join(',')}}`;
}

export function formatValue(value: number): string {
  if (Number.isNaN(value)) {
    return 'NaN';
  }
  if (!Number.isFinite(value)) {
    return value > 0 ? '+Inf' : '-Inf';
  }
  return String(value);
}

/** The families as exposition text; with `service`, only that service's samples (one scrape job). */
export function renderExposition(families: Family[], service?: string): string {
  const lines: string[] = [];
  for (const family of families) {
    const samples = family.samples.filter((s) => service === undefined || s.service === service);
    if (samples.length === 0) {
      continue;
    }
    lines.push(`# HELP ${family.name} ${family.help}`, `# TYPE ${family.name} ${family.type}`);
    for (const { sample } of samples) {
      lines.push(`${sample.name}${formatLabels(sample.labels)} ${formatValue(sample.value)}`);
    }
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
