/**
 * What every format importer shares with the loader: the issues of a document and the two forms of its
 * schema. Imports none of the format files, so that the loader can import the formats and they this.
 */
import type { z } from 'zod';

/** A problem found while loading a file, named by the field path inside its document. */
export interface FileIssue {
  /** Field path inside the document, e.g. `spec.objectives[0].target`, or `line 3` for YAML syntax. */
  path: string;
  message: string;
  severity: 'error' | 'warning';
  /** 0-based index of the document in the file. */
  document?: number;
  /** Name of the SLO the issue is about, when known. */
  slo?: string;
}

/** An issue of one document: the loader adds the document index. */
export type DocumentIssue = Omit<FileIssue, 'document'>;

/**
 * The two forms of a document schema: `strict` refuses unknown fields, so that they can be reported
 * (as warnings: the foreign formats are open-ended); `loose` ignores them and gives the data.
 */
export interface DocumentSchemas<S extends z.ZodType> {
  strict: S;
  loose: S;
  /** Field names of a sibling spelling, with the spelling this format uses (`errorQuery` -> `error_query`). */
  spellings?: Readonly<Record<string, string>>;
}
