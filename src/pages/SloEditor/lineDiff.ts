/** A small line diff (longest common subsequence) for the review tab: what a save changes. */

export interface DiffLine {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/** Every line of `before` and `after`, each kept, added or removed; removals come before additions. */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = splitLines(before);
  const b = splitLines(after);
  // lengths[i][j]: length of the longest common subsequence of a[i..] and b[j..].
  const lengths: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i][j] = a[i] === b[j] ? lengths[i + 1][j + 1] + 1 : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      out.push({ kind: 'same', text: a[i] });
      i++;
      j++;
    } else if (j >= b.length || (i < a.length && lengths[i + 1][j] >= lengths[i][j + 1])) {
      out.push({ kind: 'removed', text: a[i] });
      i++;
    } else {
      out.push({ kind: 'added', text: b[j] });
      j++;
    }
  }
  return out;
}

function splitLines(text: string): string[] {
  if (text === '') {
    return [];
  }
  const lines = text.split('\n');
  return lines[lines.length - 1] === '' ? lines.slice(0, -1) : lines;
}

export type DiffHunkLine = DiffLine | { kind: 'skipped'; count: number };

/** The changed lines with `context` unchanged lines around each change; longer unchanged runs are skipped. */
export function withContext(lines: DiffLine[], context = 2): DiffHunkLine[] {
  const near = lines.map((_, index) =>
    lines.slice(Math.max(0, index - context), index + context + 1).some((l) => l.kind !== 'same')
  );
  const out: DiffHunkLine[] = [];
  lines.forEach((line, index) => {
    if (near[index]) {
      out.push(line);
      return;
    }
    const last = out[out.length - 1];
    if (last?.kind === 'skipped') {
      last.count++;
    } else {
      out.push({ kind: 'skipped', count: 1 });
    }
  });
  return out;
}
