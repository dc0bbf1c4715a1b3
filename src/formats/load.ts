import YAML from 'yaml';
import type { z } from 'zod';
import type { Slo } from '../slo/types';
import { formatPath, NATIVE_API_VERSION, NATIVE_KIND, parseNativeDocument } from './native';
import { importOpenSlo, OPENSLO_API_VERSION, OPENSLO_KINDS, openSloSchemas, type OpenSloInput } from './openslo';
import {
  importSlothCrd,
  importSlothFile,
  SLOTH_API_VERSION,
  SLOTH_FILE_VERSION,
  SLOTH_KIND,
  slothCrdSchemas,
  slothFileSchemas,
  type SlothOptions,
} from './sloth';
import { importPyrra, PYRRA_API_VERSION, PYRRA_KIND, pyrraSchemas } from './pyrra';
import { importSlothOpenSlo, OPENSLO_ALPHA_API_VERSION, slothOpenSloSchemas } from './slothOpenSlo';
import { readSlothWindows, SLOTH_WINDOWS_KIND, slothWindowsSchemas, type SlothAlertWindows } from './slothWindows';
import { isRecord, type DocumentIssue, type DocumentSchemas, type FileIssue, type SourcePaths } from './document';
import { quote, quoteValue, truncate } from '../slo/quote';

// The document types live in document.ts (the formats import them from there); callers read them here.
export type { DocumentIssue, DocumentSchemas, FileIssue, SourcePaths } from './document';
export { sourcePath } from './document';

export type SloFormat = 'burnrate' | 'openslo' | 'sloth' | 'pyrra';

export interface LoadedSlo {
  slo: Slo;
  format: SloFormat;
  document: number;
  /** How the file spells the fields that validation names, when not as the native format does. */
  paths?: SourcePaths;
}

export interface LoadResult {
  slos: LoadedSlo[];
  /** Any issue of severity 'error' means the file failed, even when some SLOs were read. */
  issues: FileIssue[];
}

/** One file of a catalogue: its name (as issues cite it) and its text. */
export interface SloFile {
  name: string;
  text: string;
}

/** The SLOs of several files read as one catalogue, each with the file it came from. */
export interface CatalogueResult {
  slos: Array<LoadedSlo & { file: string }>;
  /** Every issue names its file; any 'error' fails that file. */
  issues: Array<FileIssue & { file: string }>;
}

export type LoadOptions = SlothOptions;

/** What `loadSloDocuments` reads, for messages. */
export const SUPPORTED_DOCUMENTS =
  `${NATIVE_API_VERSION} ${NATIVE_KIND}; ${OPENSLO_API_VERSION} ${OPENSLO_KINDS.join(', ')}; ` +
  `${SLOTH_API_VERSION} ${SLOTH_KIND}, Sloth files with "version: ${SLOTH_FILE_VERSION}" and ${OPENSLO_ALPHA_API_VERSION} SLO as Sloth reads it; ` +
  `${PYRRA_API_VERSION} ${PYRRA_KIND}`;

interface Entry {
  value: Record<string, unknown>;
  document: number;
  /** Path of the entry inside its document: '' or `items[3].` for a Kubernetes List. */
  prefix: string;
}

/**
 * Reads every SLO of a YAML file of one or more documents (separated by `---`), in any of the formats
 * Burnrate understands, telling the format by `apiVersion` and `kind` (or Sloth's `version`).
 * A file with a YAML syntax error gives no SLOs at all, only the syntax issues. Otherwise each
 * document is read on its own (OpenSLO documents refer to each other by name within the file) and
 * everything found is returned; callers treat a file with any 'error' issue as failed.
 * Empty documents are skipped, a Kubernetes `List` (`kubectl get -o yaml`) is read item by item, and
 * so is a document that is a YAML list of documents (the form oslo and the OpenSLO SDK write).
 */
export function loadSloDocuments(text: string, options: LoadOptions = {}): LoadResult {
  const result = loadSloFiles([{ name: '', text }], options);
  return {
    // Without the source paths of each SLO: loadSloFiles gives them, for reporting validation issues.
    slos: result.slos.map(({ file: _file, paths: _paths, ...slo }) => slo),
    issues: result.issues.map(({ file: _file, ...issue }) => issue),
  };
}

/**
 * Reads several files as one catalogue, as oslo does: OpenSLO documents refer to each other by name
 * across the files (an SLO in one file, its SLI, alert policies and conditions in others). The other
 * formats are read file by file. A file that gives no SLO is an error ("holds no SLO") unless it
 * failed already or it holds OpenSLO documents that the SLOs of other files can use.
 */
export function loadSloFiles(files: SloFile[], options: LoadOptions = {}): CatalogueResult {
  const slos: CatalogueResult['slos'] = [];
  const issues: CatalogueResult['issues'] = [];
  const openSlo: OpenSloInput[] = [];
  const kindsByFile = new Map<string, string[]>();
  // Sloth reads its AlertWindows apart from the SLOs, whichever file of the catalogue holds them.
  const slothAlertWindows = files.flatMap((file) => slothWindowsOf(file.text));
  const readOptions = slothAlertWindows.length > 0 ? { ...options, slothAlertWindows } : options;
  const windowFiles = new Set<string>();
  for (const file of files) {
    const read = readFile(file.text, readOptions);
    if (read.alertWindows) {
      windowFiles.add(file.name);
    }
    issues.push(...read.issues.map((issue) => ({ ...issue, file: file.name })));
    slos.push(...read.slos.map((slo) => ({ ...slo, file: file.name })));
    openSlo.push(...read.openSlo.map((input) => ({ ...input, file: file.name })));
    kindsByFile.set(
      file.name,
      read.openSlo.map((input) => input.doc.kind)
    );
  }
  if (openSlo.length > 0) {
    const imported = importOpenSlo(openSlo, files.length > 1 ? 'the files read' : 'this file');
    issues.push(...imported.issues.map((issue) => ({ ...issue, file: issue.file ?? '' })));
    slos.push(
      ...imported.slos.map(({ slo, document, file }) => ({
        slo,
        format: 'openslo' as const,
        document,
        file: file ?? '',
      }))
    );
  }
  for (const file of files) {
    const failed = issues.some((i) => i.file === file.name && i.severity === 'error');
    if (failed || slos.some((s) => s.file === file.name)) {
      continue;
    }
    const kinds = kindsByFile.get(file.name) ?? [];
    if ((kinds.length > 0 || windowFiles.has(file.name)) && slos.length > 0) {
      continue; // documents that the SLOs of other files refer to
    }
    if (windowFiles.has(file.name) && kinds.length === 0) {
      issues.push({
        file: file.name,
        path: '',
        message: 'holds no SLO, only Sloth AlertWindows: nothing to make rules from (give the Sloth SLO files with it)',
        severity: 'error',
      });
      continue;
    }
    issues.push({ file: file.name, path: '', message: noSloMessage(kinds, files.length), severity: 'error' });
  }
  const order = new Map(files.map((f, i) => [f.name, i]));
  slos.sort((a, b) => (order.get(a.file) ?? 0) - (order.get(b.file) ?? 0) || a.document - b.document);
  return { slos, issues };
}

function noSloMessage(kinds: string[], fileCount: number): string {
  if (kinds.length === 0) {
    return 'holds no SLO: nothing to make rules from';
  }
  const counts = new Map<string, number>();
  kinds.forEach((kind) => counts.set(kind, (counts.get(kind) ?? 0) + 1));
  const held = [...counts].map(([kind, n]) => `${n} ${kind}${n === 1 ? '' : 's'}`).join(', ');
  return `holds no SLO, only OpenSLO ${held}: nothing to make rules from${fileCount > 1 ? ', and no other file holds an SLO' : ' (give the files of its SLOs with it)'}`;
}

interface FileRead {
  slos: LoadResult['slos'];
  issues: FileIssue[];
  openSlo: Array<Omit<OpenSloInput, 'file'>>;
  /** The file holds Sloth AlertWindows (read for the Sloth SLOs of every file by slothWindowsOf). */
  alertWindows?: boolean;
}

/** The Sloth AlertWindows of a file that are valid; their problems are reported when the file is read. */
function slothWindowsOf(text: string): SlothAlertWindows[] {
  if (!text.includes(SLOTH_WINDOWS_KIND)) {
    return [];
  }
  return YAML.parseAllDocuments(text).flatMap((doc) => {
    if (doc.errors.length > 0) {
      return [];
    }
    let value: unknown;
    try {
      value = doc.toJS();
    } catch {
      return []; // reported when the file is read
    }
    const entries = Array.isArray(value) ? value : [value];
    return entries.flatMap((entry) => {
      if (!isRecord(entry) || entry.apiVersion !== SLOTH_API_VERSION || entry.kind !== SLOTH_WINDOWS_KIND) {
        return [];
      }
      const parsed = slothWindowsSchemas.loose.safeParse(entry);
      const windows = parsed.success ? readSlothWindows(parsed.data).windows : undefined;
      return windows ? [windows] : [];
    });
  });
}

/** The documents of one file: the SLOs of every format but OpenSLO, whose documents are read together. */
function readFile(text: string, options: LoadOptions): FileRead {
  const parsed = YAML.parseAllDocuments(text);
  const documents = Array.isArray(parsed) ? parsed : [];
  const syntaxIssues = documents.flatMap((doc, document) => [
    ...doc.errors.map((e) => yamlIssue(e, 'error', document)),
    ...doc.warnings.map((e) => yamlIssue(e, 'warning', document)),
  ]);
  if (syntaxIssues.some((i) => i.severity === 'error')) {
    return { slos: [], issues: syntaxIssues, openSlo: [] };
  }

  const issues: FileIssue[] = [...syntaxIssues];
  const slos: LoadResult['slos'] = [];
  const openSlo: FileRead['openSlo'] = [];
  let alertWindows = false;
  const entries: Entry[] = [];
  const addItems = (items: unknown[], document: number, prefix: (i: number) => string) =>
    items.forEach((item, i) => {
      if (isRecord(item)) {
        entries.push({ value: item, document, prefix: `${prefix(i)}.` });
      } else if (item !== null && item !== undefined) {
        issues.push({
          path: prefix(i),
          message: `expected a mapping, got ${describe(item)}`,
          severity: 'error',
          document,
        });
      }
    });
  documents.forEach((doc, document) => {
    let value: unknown;
    try {
      value = doc.toJS();
    } catch (e) {
      // For example an alias bomb: the yaml package refuses too many aliases.
      issues.push({ path: '', message: e instanceof Error ? e.message : String(e), severity: 'error', document });
      return;
    }
    if (value === null || value === undefined) {
      return;
    }
    if (Array.isArray(value)) {
      // A YAML list of documents, as oslo and the OpenSLO SDK write several objects in one file.
      addItems(value, document, (i) => `[${i}]`);
      return;
    }
    if (!isRecord(value)) {
      issues.push({
        path: '',
        message: `expected a mapping (an SLO document) or a list of them, got ${describe(value)}`,
        severity: 'error',
        document,
      });
      return;
    }
    if (value.apiVersion === 'v1' && value.kind === 'List' && Array.isArray(value.items)) {
      addItems(value.items, document, (i) => `items[${i}]`);
      return;
    }
    entries.push({ value, document, prefix: '' });
  });

  for (const entry of entries) {
    const { value, document, prefix } = entry;
    const at = (list: DocumentIssue[]): FileIssue[] =>
      list.map((i) => ({
        ...i,
        path: prefix + i.path,
        document,
        ...(i.slo === undefined && sloNameAt(value, i.path)),
      }));
    // An imported document's SLOs, each with the paths of its fields as the file spells them.
    const add = (
      imported: { slos: Slo[]; issues: DocumentIssue[]; paths: Array<SourcePaths | undefined> },
      from: 'sloth' | 'pyrra'
    ) => {
      issues.push(...at(imported.issues));
      slos.push(
        ...imported.slos.map((slo, i) => ({
          slo,
          format: from,
          document,
          paths: withPrefix(prefix, imported.paths[i]),
        }))
      );
    };
    const format = detectFormat(value);
    switch (format.kind) {
      case 'unknown':
        issues.push(...at([{ path: format.path, message: format.message, severity: 'error' }]));
        break;
      case 'burnrate': {
        const result = parseNativeDocument(value);
        issues.push(...at(result.issues));
        // An SLO whose document has errors is not returned, whatever the parser gives back.
        // Returned with its errors so that validation can report the rest of the document too;
        // the errors fail the file all the same.
        if (result.slo) {
          slos.push({ slo: result.slo, format: 'burnrate', document });
        }
        break;
      }
      case 'openslo': {
        const result = parseLenient(openSloSchemas, value);
        issues.push(...at(result.issues));
        if (result.data) {
          openSlo.push({ doc: result.data, document, prefix });
        }
        break;
      }
      case 'sloth-file':
      case 'sloth-crd':
      case 'sloth-openslo': {
        const imported =
          format.kind === 'sloth-file'
            ? withData(parseLenient(slothFileSchemas, value), (data) => importSlothFile(data, options))
            : format.kind === 'sloth-crd'
              ? withData(parseLenient(slothCrdSchemas, value), (data) => importSlothCrd(data, options))
              : withData(parseLenient(slothOpenSloSchemas, value), (data) => importSlothOpenSlo(data, options));
        add(imported, 'sloth');
        break;
      }
      case 'sloth-windows': {
        alertWindows = true;
        const parsed = parseLenient(slothWindowsSchemas, value);
        issues.push(...at([...parsed.issues, ...(parsed.data ? readSlothWindows(parsed.data).issues : [])]));
        break;
      }
      case 'pyrra': {
        const imported = withData(parseLenient(pyrraSchemas, value), (data) => {
          const result = importPyrra(data);
          return { slos: result.slo ? [result.slo] : [], issues: result.issues, paths: [result.paths] };
        });
        add(imported, 'pyrra');
        break;
      }
    }
  }

  return { slos, issues, openSlo, ...(alertWindows && { alertWindows }) };
}

type Detected =
  | { kind: 'burnrate' | 'openslo' | 'sloth-file' | 'sloth-crd' | 'sloth-openslo' | 'sloth-windows' | 'pyrra' }
  | { kind: 'unknown'; path: string; message: string };

function detectFormat(value: Record<string, unknown>): Detected {
  const { apiVersion, kind, version } = value;
  const unknownKind = (expected: string): Detected => ({
    kind: 'unknown',
    path: 'kind',
    message: `${apiVersion} has no kind ${quoteValue(kind)} that Burnrate reads (expected ${expected})`,
  });
  if (apiVersion === undefined && typeof version === 'string') {
    return version === SLOTH_FILE_VERSION
      ? { kind: 'sloth-file' }
      : {
          kind: 'unknown',
          path: 'version',
          message: `Sloth file version ${quote(version)} is not supported: Burnrate reads "version: ${SLOTH_FILE_VERSION}"`,
        };
  }
  switch (apiVersion) {
    case NATIVE_API_VERSION:
      return kind === NATIVE_KIND ? { kind: 'burnrate' } : unknownKind(NATIVE_KIND);
    case OPENSLO_API_VERSION:
      return (OPENSLO_KINDS as readonly unknown[]).includes(kind)
        ? { kind: 'openslo' }
        : unknownKind(OPENSLO_KINDS.join(', '));
    case SLOTH_API_VERSION:
      if (kind === SLOTH_WINDOWS_KIND) {
        return { kind: 'sloth-windows' };
      }
      return kind === SLOTH_KIND ? { kind: 'sloth-crd' } : unknownKind(SLOTH_KIND);
    case PYRRA_API_VERSION:
      return kind === PYRRA_KIND ? { kind: 'pyrra' } : unknownKind(PYRRA_KIND);
    default:
      break;
  }
  if (apiVersion === OPENSLO_ALPHA_API_VERSION && kind === 'SLO') {
    return { kind: 'sloth-openslo' }; // as Sloth reads it
  }
  if (typeof apiVersion === 'string' && apiVersion.startsWith('openslo/')) {
    return {
      kind: 'unknown',
      path: 'apiVersion',
      message: `OpenSLO ${apiVersion} is not supported: Burnrate reads ${OPENSLO_API_VERSION} (convert the file with the OpenSLO tool oslo)`,
    };
  }
  if (apiVersion === undefined) {
    return {
      kind: 'unknown',
      path: 'apiVersion',
      message: `is missing, so the format is unknown. Burnrate reads: ${SUPPORTED_DOCUMENTS}`,
    };
  }
  return {
    kind: 'unknown',
    path: 'apiVersion',
    message: `unknown document type (apiVersion ${quoteValue(apiVersion)}, kind ${quoteValue(kind)}). Burnrate reads: ${SUPPORTED_DOCUMENTS}`,
  };
}

/**
 * Parses a document with the strict schema for the report (unknown fields become warnings) and,
 * when nothing but unknown fields was wrong, with the loose schema for the data.
 */
function parseLenient<S extends z.ZodType>(
  schemas: DocumentSchemas<S>,
  value: unknown
): { data?: z.output<S>; issues: DocumentIssue[] } {
  const strict = schemas.strict.safeParse(value);
  if (strict.success) {
    return { data: strict.data, issues: [] };
  }
  const issues: DocumentIssue[] = [];
  let failed = false;
  for (const issue of strict.error.issues) {
    const path = formatPath(issue.path);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const spelling = schemas.spellings?.[key];
        issues.push({
          path: path ? `${path}.${key}` : key,
          message: spelling
            ? `unknown field ${quote(key)}, ignored: this format spells it ${spelling}`
            : `unknown field ${quote(key)}, ignored`,
          severity: 'warning',
        });
      }
      continue;
    }
    failed = true;
    if (issue.code === 'invalid_type' && issue.input === undefined) {
      issues.push({ path, message: `is required (${issue.expected})`, severity: 'error' });
    } else if (issue.code === 'invalid_type') {
      issues.push({
        path,
        message: `must be ${article(issue.expected)}, got ${describe(issue.input)}`,
        severity: 'error',
      });
    } else if (issue.code === 'invalid_union') {
      // A field of several types (a number or a string): say which, and what was given.
      const input = valueAt(value, issue.path);
      const expected = unionTypes(issue.errors);
      issues.push({
        path,
        message:
          input === undefined
            ? `is required (${expected})`
            : `must be ${expected.split(' or ').map(article).join(' or ')}, got ${describe(input)}`,
        severity: 'error',
      });
    } else {
      issues.push({ path, message: issue.message, severity: 'error' });
    }
  }
  if (failed) {
    return { issues };
  }
  const loose = schemas.loose.safeParse(value);
  return loose.success ? { data: loose.data, issues } : { issues };
}

/** The value at a zod issue path inside the raw document. */
function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>(
    (at, key) => (isRecord(at) || Array.isArray(at) ? (at as Record<PropertyKey, unknown>)[key] : undefined),
    value
  );
}

/** The types a union accepts, from the invalid_type issues of its branches: "number or string". */
function unionTypes(branches: ReadonlyArray<ReadonlyArray<{ code: string; expected?: unknown }>>): string {
  const types = branches.flatMap((branch) =>
    branch.filter((i) => i.code === 'invalid_type' && typeof i.expected === 'string').map((i) => String(i.expected))
  );
  return [...new Set(types)].join(' or ') || 'another value';
}

function withData<T>(
  parsed: { data?: T; issues: DocumentIssue[] },
  read: (data: T) => { slos: Slo[]; issues: DocumentIssue[]; paths: SourcePaths[] }
): { slos: Slo[]; issues: DocumentIssue[]; paths: SourcePaths[] } {
  if (parsed.data === undefined) {
    return { slos: [], issues: parsed.issues, paths: [] };
  }
  const result = read(parsed.data);
  return { slos: result.slos, issues: [...parsed.issues, ...result.issues], paths: result.paths };
}

/** Source paths of an entry inside a list (`items[3].`, `[0].`). */
function withPrefix(prefix: string, paths: SourcePaths | undefined): SourcePaths {
  // Fields that are not mapped keep their native spelling, under the entry's prefix too.
  return [{ from: '', to: prefix }, ...(paths ?? []).map((p) => ({ ...p, to: prefix + p.to }))];
}

/** The name of the SLO a path belongs to, read from the raw document, for issues found before the mapping. */
function sloNameAt(value: Record<string, unknown>, path: string): { slo?: string } {
  const isSloth = value.apiVersion === SLOTH_API_VERSION || (value.apiVersion === undefined && 'version' in value);
  if (!isSloth) {
    const metadata = value.metadata;
    return isRecord(metadata) && typeof metadata.name === 'string' ? { slo: metadata.name } : {};
  }
  // A Sloth document holds many SLOs, named <service>-<slo name>.
  const match = /^(spec\.)?slos\[(\d+)\]/.exec(path);
  const group = value.apiVersion === SLOTH_API_VERSION ? value.spec : value;
  if (match && isRecord(group) && Array.isArray(group.slos) && typeof group.service === 'string') {
    const slo: unknown = group.slos[Number(match[2])];
    if (isRecord(slo) && typeof slo.name === 'string') {
      return { slo: `${group.service}-${slo.name}` };
    }
  }
  return {};
}

function yamlIssue(error: YAML.YAMLError, severity: FileIssue['severity'], document: number): FileIssue {
  const [firstLine] = error.message.split('\n');
  const position = / at line (\d+), column (\d+):?$/.exec(firstLine);
  const line = error.linePos?.[0].line ?? (position ? Number(position[1]) : undefined);
  const column = error.linePos?.[0].col ?? (position ? Number(position[2]) : undefined);
  // The yaml package quotes the offending token whole: a 50 MB scalar would be a 50 MB line.
  const message = truncate(position ? firstLine.slice(0, position.index) : firstLine.replace(/:$/, ''), 160);
  return {
    path: line === undefined ? '' : `line ${line}`,
    message: column === undefined ? message : `${message} (column ${column})`,
    severity,
    document,
  };
}

function describe(value: unknown): string {
  if (value === undefined || value === null) {
    return 'nothing';
  }
  if (Array.isArray(value)) {
    return 'a list';
  }
  if (typeof value === 'object') {
    return 'a mapping';
  }
  return `${typeof value} ${quoteValue(value)}`;
}

function article(expected: string): string {
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}
