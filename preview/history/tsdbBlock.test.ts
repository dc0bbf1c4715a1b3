import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { crc32c, writeBlock, type BlockSeries } from './tsdbBlock';

// promtool reads the blocks back; CI installs it, so there its absence is a failure, not a skip.
const hasPromtool = spawnSync('promtool', ['--version']).status === 0;
const withPromtool = hasPromtool || process.env.CI === 'true' ? it : it.skip;

/** `promtool tsdb dump` lines as [labels, value, timestamp]. */
function dump(dir: string, match?: string): Array<[string, number, number]> {
  fs.mkdirSync(path.join(dir, 'wal'), { recursive: true });
  const out = spawnSync('promtool', ['tsdb', 'dump', ...(match ? [`--match=${match}`] : []), dir], {
    encoding: 'utf8',
  });
  if (out.status !== 0) {
    throw new Error(out.stderr);
  }
  return out.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const m = /^(\{.*\}) (\S+) (\d+)$/.exec(line);
      if (!m) {
        throw new Error(`unexpected dump line: ${line}`);
      }
      const value = m[2] === '+Inf' ? Infinity : m[2] === '-Inf' ? -Infinity : Number(m[2]);
      return [m[1], value, Number(m[3])];
    });
}

function labelText(labels: Record<string, string>): string {
  return `{${Object.entries(labels)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k}="${v}"`)
    .join(', ')}}`;
}

/** Samples that take every branch of the XOR encoding: irregular steps, big jumps, NaN, infinities, -0. */
function awkwardSeries(count: number, seed: number): { timestamps: number[]; values: number[] } {
  const timestamps: number[] = [];
  const values: number[] = [];
  let t = 1_767_225_600_000 + seed * 1000;
  let x = seed;
  for (let i = 0; i < count; i++) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    const steps = [60_000, 60_000, 60_000, 61_234, 15_000, 300_000, 600_000, 86_400_000, 7_000_000_000];
    t += steps[x % steps.length];
    timestamps.push(t);
    const kinds = [
      () => i * 17,
      () => i * 17,
      () => x / 7,
      () => -x * 1e12,
      () => Number.NaN,
      () => Infinity,
      () => -Infinity,
      () => -0,
      () => 5e-324,
      () => Number.MAX_VALUE,
    ];
    values.push(kinds[(x >> 3) % kinds.length]());
  }
  return { timestamps, values };
}

describe('writeBlock', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsdb-block-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('computes CRC32-Castagnoli (the check value of "123456789")', () => {
    expect(crc32c(new TextEncoder().encode('123456789'))).toBe(0xe3069283);
  });

  withPromtool('writes a block promtool reads back sample for sample, and finds its series by label', () => {
    const series: BlockSeries[] = [
      { labels: { __name__: 'requests_total', job: 'checkout', code: '200' }, ...awkwardSeries(1000, 1) },
      { labels: { __name__: 'requests_total', job: 'checkout', code: '500' }, ...awkwardSeries(121, 2) },
      { labels: { __name__: 'requests_total', job: 'search', code: '200', zone: 'zürich' }, ...awkwardSeries(3, 3) },
      { labels: { __name__: 'slo:events:tile', slo_uid: 'a-b' }, timestamps: [1_767_225_600_000], values: [42] },
      { labels: { __name__: 'empty' }, timestamps: [], values: [] },
    ];
    const block = writeBlock(dir, series);
    expect(block.series).toBe(4);
    expect(block.samples).toBe(1000 + 121 + 3 + 1);
    expect(block.chunks).toBe(9 + 2 + 1 + 1);
    const meta = JSON.parse(fs.readFileSync(path.join(dir, block.ulid, 'meta.json'), 'utf8'));
    expect(meta).toMatchObject({ ulid: block.ulid, minTime: block.minTime, maxTime: block.maxTime, version: 1 });

    const expected = series
      .flatMap((s) =>
        Array.from(s.timestamps, (t, i): [string, number, number] => [labelText(s.labels), s.values[i], t])
      )
      .sort((a, b) => (a[0] === b[0] ? a[2] - b[2] : a[0] < b[0] ? -1 : 1));
    const read = dump(dir);
    expect(read.length).toBe(expected.length);
    read.forEach(([labels, value, t], i) => {
      expect([labels, t]).toEqual([expected[i][0], expected[i][2]]);
      // Same float, bit for bit (NaN equals NaN, -0 differs from 0).
      expect(Object.is(value, expected[i][1]) || (Number.isNaN(value) && Number.isNaN(expected[i][1]))).toBe(true);
    });

    // Postings: series found through their label pairs, not only through the list of all series.
    const checkout500 = dump(dir, '{code="500"}');
    expect(new Set(checkout500.map(([labels]) => labels))).toEqual(
      new Set([labelText({ __name__: 'requests_total', job: 'checkout', code: '500' })])
    );
    expect(checkout500.length).toBe(121);
    expect(new Set(dump(dir, '{zone="zürich"}').map(([labels]) => labels)).size).toBe(1);
    expect(dump(dir, '{job=~"checkout|search"}').length).toBe(1124);
    expect(dump(dir, '{__name__="slo:events:tile"}')).toEqual([
      [labelText({ __name__: 'slo:events:tile', slo_uid: 'a-b' }), 42, 1_767_225_600_000],
    ]);
  });

  it('refuses samples out of order and a series given twice, naming the series', () => {
    expect(() => writeBlock(dir, [{ labels: { __name__: 'x' }, timestamps: [2, 1], values: [0, 0] }])).toThrow(
      /"__name__":"x".*out of order at 1/
    );
    expect(() =>
      writeBlock(dir, [
        { labels: { __name__: 'x', a: '1' }, timestamps: [1], values: [0] },
        { labels: { a: '1', __name__: 'x' }, timestamps: [2], values: [0] },
      ])
    ).toThrow(/given twice/);
  });
});
