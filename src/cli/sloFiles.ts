import { loadSloFiles, type SloFile } from '../formats/load';
import type { Slo } from '../slo/types';
import type { CliIo } from './run';

/** The message of an error, also of one from another realm (Node's own errors under jest's jsdom). */
export function errorMessage(error: unknown): string {
  return typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string'
    ? error.message
    : String(error);
}

/**
 * The SLOs of the files given with `option` (any format the app imports; a directory is read as its
 * YAML files), one catalogue, so that OpenSLO references resolve across them; or every problem, each
 * naming the option and the file.
 */
export function readSloFiles(
  files: readonly string[],
  io: CliIo,
  option = '--slo'
): { slos: Slo[]; problems: string[] } {
  const problems: string[] = [];
  const texts: SloFile[] = [];
  for (const file of files.flatMap((path) => io.listYamlFiles?.(path) ?? [path])) {
    try {
      texts.push({ name: file, text: io.readFile(file) });
    } catch (error) {
      problems.push(`${option}: cannot read ${file}: ${errorMessage(error)}`);
    }
  }
  const { slos, issues } = loadSloFiles(texts);
  for (const issue of issues.filter((i) => i.severity === 'error')) {
    problems.push(`${option}: ${issue.file}: ${issue.path ? `${issue.path}: ` : ''}${issue.message}`);
  }
  return { slos: slos.map((s) => s.slo), problems };
}
