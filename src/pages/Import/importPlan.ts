import type { Slo, ValidationIssue } from '../../slo/types';
import { validateSlo } from '../../rules/validate';
import { loadSloDocuments, type FileIssue, type SloFormat } from '../../formats/load';

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

/** What each file holds: the loader's issues by file and field path, and the SLOs that could be saved. */
export function planImport(files: ImportFile[], existing: Array<{ name: string; uid: string }>): ImportPlan {
  const taken = new Set(existing.flatMap((s) => [s.name, s.uid]));
  const fileIssues: ImportPlan['fileIssues'] = [];
  const candidates: ImportCandidate[] = [];
  for (const file of files) {
    const loaded = loadSloDocuments(file.text);
    if (loaded.issues.length > 0) {
      fileIssues.push({ file: file.name, issues: loaded.issues });
    }
    loaded.slos.forEach(({ slo, format }, i) => {
      candidates.push({
        key: `${file.name}#${i}`,
        file: file.name,
        slo,
        format,
        issues: validateSlo(slo),
        exists: taken.has(slo.uid) || taken.has(slo.name),
      });
    });
  }
  return { fileIssues, candidates };
}

/** A candidate can be saved when it is new and has no errors. */
export function canImport(candidate: ImportCandidate): boolean {
  return !candidate.exists && !candidate.issues.some((i) => i.severity === 'error');
}
