import fc from 'fast-check';
import { hostileText } from './hostileSlo';

/**
 * SLO files as other teams write them, changed here and there: a document of a real file (a peer's, an
 * example) with one or two values replaced by something hostile or merely unexpected (a number where text
 * was, text where a list was, a huge duration, a label PromQL reads as a keyword). For property tests of
 * the readers: they never throw, and whatever validates gives rules Prometheus accepts.
 */

type Path = Array<string | number>;

/** Every path into a parsed YAML value, the value itself included. */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (Array.isArray(value)) {
    return [prefix, ...value.flatMap((item, i) => pathsOf(item, [...prefix, i]))];
  }
  if (value !== null && typeof value === 'object') {
    return [prefix, ...Object.entries(value).flatMap(([key, item]) => pathsOf(item, [...prefix, key]))];
  }
  return [prefix];
}

/** `root` with the value at `path` replaced, the rest shared. */
function replaced(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) {
    return value;
  }
  const [head, ...rest] = path;
  if (Array.isArray(root)) {
    const copy: unknown[] = [...root];
    copy[Number(head)] = replaced(root[Number(head)], rest, value);
    return copy;
  }
  const container = (root ?? {}) as Record<string, unknown>;
  return { ...container, [head]: replaced(container[head], rest, value) };
}

/** Values that mean something to a parser, a validator or PromQL. */
const unexpectedValue = fc.oneof(
  { arbitrary: fc.anything({ maxDepth: 2 }), weight: 2 },
  { arbitrary: hostileText, weight: 2 },
  {
    arbitrary: fc.constantFrom<unknown>(
      '',
      '1e-400',
      '1e400',
      '-1',
      0,
      '99.9%',
      '100%',
      '1M',
      '0s',
      '9999999d',
      '3649d23h59m59s999ms',
      'NaN',
      'inf',
      'without',
      'sum(',
      'a{b="c"}',
      '{{.window}}',
      null,
      true,
      1e308,
      1e-320,
      [],
      {}
    ),
    weight: 3,
  }
);

/** A document of `documents` with one or two of its values replaced. */
export function mutatedDocument(documents: readonly unknown[]): fc.Arbitrary<unknown> {
  return fc
    .tuple(fc.nat(documents.length - 1), fc.nat(), unexpectedValue, fc.option(fc.tuple(fc.nat(), unexpectedValue)))
    .map(([which, at, value, second]) => {
      const document = documents[which];
      const paths = pathsOf(document);
      let changed = replaced(document, paths[at % paths.length], value);
      if (second) {
        const more = pathsOf(changed);
        changed = replaced(changed, more[second[0] % more.length], second[1]);
      }
      return changed;
    });
}
