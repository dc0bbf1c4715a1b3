/**
 * What every format importer shares with the loader: the issues of a document and the two forms of its
 * schema. Imports none of the format files, so that the loader can import the formats and they this.
 */
import { z } from 'zod';

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
  /** The file, when several are read as one catalogue. */
  file?: string;
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

/**
 * The object schema builder of one form: the strict form refuses unknown fields. Both forms have the
 * same static type, so that the data of either is read the same way.
 */
export function objectSchema(strict: boolean) {
  return <T extends z.ZodRawShape>(shape: T) =>
    (strict ? z.strictObject(shape) : z.object(shape)) as unknown as z.ZodObject<T, z.core.$strip>;
}

/** A YAML mapping (not a list, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * How the fields of an imported SLO are spelled in its file: native path prefixes (as validation names
 * them) and the path of the same field in the source. `whole` maps the prefix and everything under
 * it to one field (a grouping read from a query is the query); an empty `from` is every path.
 */
export type SourcePaths = Array<{ from: string; to: string; whole?: boolean }>;

/** A native field path as the source file spells it: the longest prefix that maps, else as it is. */
export function sourcePath(paths: SourcePaths | undefined, path: string): string {
  let best: SourcePaths[number] | undefined;
  for (const entry of paths ?? []) {
    const under =
      entry.from === '' ||
      path === entry.from ||
      path.startsWith(`${entry.from}.`) ||
      path.startsWith(`${entry.from}[`);
    if (under && (!best || entry.from.length > best.from.length)) {
      best = entry;
    }
  }
  if (!best) {
    return path;
  }
  return best.whole ? best.to : best.to + path.slice(best.from.length);
}
