import { sloToYaml, type DecodeResult } from '../../storage/sloDashboard';
import { diffLines, type DiffLine } from '../SloEditor/lineDiff';

/** What the History section compares: an SLO as some version stored it, under a name for the reader. */
export interface ComparedSide {
  label: string;
  decoded: DecodeResult;
}

export type VersionDiff =
  | { kind: 'diff'; lines: DiffLine[]; changed: number }
  | { kind: 'unreadable'; label: string; message: string; issues: string[] };

/**
 * The line diff of the native YAML of two stored SLOs, each rendered afresh from its decoded SLO so that
 * only changes of the SLO show (not of its layout in the dashboard). A side that cannot be decoded is
 * named with its error instead. `before` is absent for the first version: everything in it is new.
 */
export function versionDiff(before: ComparedSide | undefined, after: ComparedSide): VersionDiff {
  for (const side of before ? [before, after] : [after]) {
    if ('error' in side.decoded) {
      const { message, issues } = side.decoded.error;
      return {
        kind: 'unreadable',
        label: side.label,
        message,
        issues: issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)),
      };
    }
  }
  const yamlOf = (side: ComparedSide | undefined) => (side && 'slo' in side.decoded ? sloToYaml(side.decoded.slo) : '');
  const lines = diffLines(yamlOf(before), yamlOf(after));
  return { kind: 'diff', lines, changed: lines.filter((l) => l.kind !== 'same').length };
}
