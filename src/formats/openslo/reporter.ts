import type { ValidationIssue } from '../../slo/types';
import type { FileIssue } from '../document';
import type { OpenSloInput } from './schema';

/** Collects the issues of one SLO, wherever in the file they are. */
export class Reporter {
  private readonly state: { errors: number };

  constructor(
    private readonly out: FileIssue[],
    private readonly at: { document: number; prefix: string; file?: string },
    private readonly slo: string | undefined,
    state?: { errors: number }
  ) {
    this.state = state ?? { errors: 0 };
  }

  get failed(): boolean {
    return this.state.errors > 0;
  }

  /** The same SLO's issues in another document (a referenced SLI or alert policy). */
  in(input: OpenSloInput): Reporter {
    return new Reporter(this.out, input, this.slo, this.state);
  }

  error(path: string, message: string): void {
    this.push({ path, message, severity: 'error' });
  }

  warn(path: string, message: string): void {
    this.push({ path, message, severity: 'warning' });
  }

  push(issue: ValidationIssue): void {
    if (issue.severity === 'error') {
      this.state.errors++;
    }
    this.out.push({
      ...issue,
      path: this.at.prefix + issue.path,
      document: this.at.document,
      ...(this.at.file !== undefined && { file: this.at.file }),
      ...(this.slo !== undefined && { slo: this.slo }),
    });
  }

  /** Runs a validator of slo/values.ts and keeps its issues. */
  collect<T>(run: (issues: ValidationIssue[]) => T): T {
    const issues: ValidationIssue[] = [];
    const result = run(issues);
    issues.forEach((issue) => this.push(issue));
    return result;
  }
}

/** A reporter that keeps nothing: for trying an import silently. */
export function silentReporter(): Reporter {
  return new Reporter([], { document: 0, prefix: '' }, undefined);
}
