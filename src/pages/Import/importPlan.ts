import type { Slo, ValidationIssue } from '../../slo/types';
import { validateSlo } from '../../rules/validate';
import { loadSloFiles, sourcePath, type FileIssue, type SloFormat } from '../../formats/load';

export interface ImportFile {
  name: string;
  text: string;
}

export interface ImportCandidate {
  key: string;
  file: string;
  slo: Slo;
  format: SloFormat;
  issues: ValidationIssue[];
  /** An SLO with this uid or name is already stored. */
  exists: boolean;
}

export interface ImportPlan {
  fileIssues: Array<{ file: string; issues: FileIssue[] }>;
  candidates: ImportCandidate[];
}

/**
 * What the files hold, read together as one catalogue (an OpenSLO SLO in one file may use the SLI or
 * alert policy of another): the loader's issues by file and field path, and the SLOs that could be saved.
 */
export function planImport(files: ImportFile[], existing: Array<{ name: string; uid: string }>): ImportPlan {
  const taken = new Set(existing.flatMap((s) => [s.name, s.uid]));
  const loaded = loadSloFiles(files);
  const fileIssues: ImportPlan['fileIssues'] = [];
  for (const file of files) {
    const issues = loaded.issues.filter((issue) => issue.file === file.name).map(({ file: _file, ...issue }) => issue);
    if (issues.length > 0) {
      fileIssues.push({ file: file.name, issues });
    }
  }
  const perFile = new Map<string, number>();
  const candidates = loaded.slos.map(({ slo, format, file, paths }): ImportCandidate => {
    const i = perFile.get(file) ?? 0;
    perFile.set(file, i + 1);
    return {
      key: `${file}#${i}`,
      file,
      slo,
      format,
      issues: validateSlo(slo).map((issue) => ({ ...issue, path: sourcePath(paths, issue.path) })),
      exists: taken.has(slo.uid) || taken.has(slo.name),
    };
  });
  return { fileIssues, candidates };
}

/** A candidate can be saved when it is new and has no errors. */
export function canImport(candidate: ImportCandidate): boolean {
  return !candidate.exists && !candidate.issues.some((i) => i.severity === 'error');
}
