/**
 * Writes a Prometheus TSDB block (index format v2, XOR chunks, as Prometheus 2.x and 3.x read them) from
 * float series held in memory. The preview's history uses it instead of `promtool tsdb create-blocks-from
 * openmetrics`, which writes one block per 2 h (over 400 for 36 days, each one more for every query and
 * for the live server to compact) and spends most of the history's start on parsing text.
 *
 * The layout follows Prometheus's own writer (tsdb/docs/format: index.md, chunks.md, tombstones.md):
 * sorted symbols, series 16-byte aligned and referenced by offset / 16, label indices, postings with the
 * all-series list under the empty name, their offset tables, a table of contents, CRC32-Castagnoli on every
 * section. tsdbBlock.test.ts reads the written blocks back with promtool.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** One series of the block: its labels (with `__name__`), and its samples in time order (ms). */
export interface BlockSeries {
  labels: Record<string, string>;
  timestamps: ArrayLike<number>;
  values: ArrayLike<number>;
}

export interface WrittenBlock {
  ulid: string;
  /** First sample (ms). */
  minTime: number;
  /** One past the last sample (ms), as Prometheus's meta.json has it. */
  maxTime: number;
  series: number;
  samples: number;
  chunks: number;
}

/** Samples per chunk, as Prometheus cuts them. */
const SAMPLES_PER_CHUNK = 120;
const INDEX_MAGIC = 0xbaaad700;
const INDEX_VERSION = 2;
const CHUNKS_MAGIC = 0x85bd40dd;
const TOMBSTONES_MAGIC = 0x0130ba30;
const XOR_ENCODING = 1;

const CRC32C_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) {
      c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    }
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC32 with the Castagnoli polynomial (Prometheus's checksum of every section). */
export function crc32c(bytes: Uint8Array, from = 0, to = bytes.length): number {
  let crc = 0xffffffff;
  for (let i = from; i < to; i++) {
    crc = CRC32C_TABLE[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** A growable byte buffer with the encodings the TSDB formats use. */
class ByteWriter {
  bytes = new Uint8Array(1 << 16);
  length = 0;

  private reserve(extra: number): void {
    if (this.length + extra > this.bytes.length) {
      let size = this.bytes.length * 2;
      while (size < this.length + extra) {
        size *= 2;
      }
      const grown = new Uint8Array(size);
      grown.set(this.bytes.subarray(0, this.length));
      this.bytes = grown;
    }
  }

  byte(value: number): void {
    this.reserve(1);
    this.bytes[this.length++] = value & 0xff;
  }

  be32(value: number): void {
    this.reserve(4);
    const v = value >>> 0;
    this.bytes[this.length++] = v >>> 24;
    this.bytes[this.length++] = (v >>> 16) & 0xff;
    this.bytes[this.length++] = (v >>> 8) & 0xff;
    this.bytes[this.length++] = v & 0xff;
  }

  be64(value: number): void {
    this.be32(Math.floor(value / 2 ** 32));
    this.be32(value % 2 ** 32);
  }

  setBe32(at: number, value: number): void {
    const v = value >>> 0;
    this.bytes[at] = v >>> 24;
    this.bytes[at + 1] = (v >>> 16) & 0xff;
    this.bytes[at + 2] = (v >>> 8) & 0xff;
    this.bytes[at + 3] = v & 0xff;
  }

  /** Unsigned LEB128 of a non-negative safe integer. */
  uvarint(value: number): void {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new Error(`uvarint out of range: ${value}`);
    }
    let v = value;
    while (v >= 0x80) {
      this.byte((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    this.byte(v);
  }

  /** Zig-zag signed varint, as Go's binary.PutVarint. */
  varint(value: number): void {
    this.uvarint(value >= 0 ? value * 2 : -value * 2 - 1);
  }

  raw(data: Uint8Array): void {
    this.reserve(data.length);
    this.bytes.set(data, this.length);
    this.length += data.length;
  }

  /** A uvarint length and the UTF-8 bytes of a string. */
  string(text: Uint8Array): void {
    this.uvarint(text.length);
    this.raw(text);
  }

  pad(multiple: number): void {
    while (this.length % multiple !== 0) {
      this.byte(0);
    }
  }

  crcOf(from: number): void {
    this.be32(crc32c(this.bytes, from, this.length));
  }

  /**
   * A section as the index has most of them: its length (4 bytes), what `write` adds, and the CRC of that.
   * Returns where the section starts.
   */
  section(write: () => void): number {
    const at = this.length;
    this.be32(0);
    write();
    this.setBe32(at, this.length - at - 4);
    this.crcOf(at + 4);
    return at;
  }

  view(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }
}

/** Bits written most significant first, as Prometheus's bstream. */
class BitWriter {
  readonly out = new ByteWriter();
  /** Bits still free in the last byte. */
  private free = 0;

  /** The low `count` (<= 32) bits of `value`. */
  bits(value: number, count: number): void {
    let n = count;
    while (n > 0) {
      if (this.free === 0) {
        this.out.byte(0);
        this.free = 8;
      }
      const take = Math.min(this.free, n);
      // n <= 32 and take >= 1, so the shift is at most 31.
      const piece = (value >>> (n - take)) & ((1 << take) - 1);
      this.out.bytes[this.out.length - 1] |= piece << (this.free - take);
      this.free -= take;
      n -= take;
    }
  }

  /** The low `count` (<= 64) bits of the 64-bit number hi:lo. */
  bits64(hi: number, lo: number, count: number): void {
    if (count > 32) {
      this.bits(hi >>> 0, count - 32);
      this.bits(lo >>> 0, 32);
    } else {
      this.bits(lo >>> 0, count);
    }
  }
}

const float = new Float64Array(1);
const floatWords = new Uint32Array(float.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const LO = 1 - HI;

function countTrailingZeros32(x: number): number {
  return x === 0 ? 32 : 31 - Math.clz32(x & -x);
}

/** An XOR chunk (Gorilla encoding with Prometheus's timestamp buckets) of samples [from, to). */
export function xorChunk(
  timestamps: ArrayLike<number>,
  values: ArrayLike<number>,
  from: number,
  to: number
): Uint8Array {
  const w = new BitWriter();
  const count = to - from;
  w.bits(count, 16);
  let previousT = 0;
  let previousDelta = 0;
  let previousHi = 0;
  let previousLo = 0;
  let leading = 0xff;
  let trailing = 0;
  for (let i = from; i < to; i++) {
    const t = timestamps[i];
    float[0] = values[i];
    const hi = floatWords[HI];
    const lo = floatWords[LO];
    if (i === from) {
      const head = new ByteWriter();
      head.varint(t);
      for (const b of head.view()) {
        w.bits(b, 8);
      }
      w.bits64(hi, lo, 64);
    } else {
      const delta = t - previousT;
      if (i === from + 1) {
        const head = new ByteWriter();
        head.uvarint(delta);
        for (const b of head.view()) {
          w.bits(b, 8);
        }
      } else {
        const dod = delta - previousDelta;
        if (dod === 0) {
          w.bits(0, 1);
        } else if (dod >= -(2 ** 13 - 1) && dod <= 2 ** 13) {
          w.bits(0b10, 2);
          w.bits((dod + 2 ** 14) % 2 ** 14, 14);
        } else if (dod >= -(2 ** 16 - 1) && dod <= 2 ** 16) {
          w.bits(0b110, 3);
          w.bits((dod + 2 ** 17) % 2 ** 17, 17);
        } else if (dod >= -(2 ** 19 - 1) && dod <= 2 ** 19) {
          w.bits(0b1110, 4);
          w.bits((dod + 2 ** 20) % 2 ** 20, 20);
        } else {
          w.bits(0b1111, 4);
          // Two's complement in two words: 2 ** 64 + dod is not exact in a double.
          const magnitude = dod < 0 ? -dod - 1 : dod;
          const dodHi = Math.floor(magnitude / 2 ** 32);
          const dodLo = magnitude % 2 ** 32;
          w.bits64(dod < 0 ? ~dodHi >>> 0 : dodHi, dod < 0 ? ~dodLo >>> 0 : dodLo, 64);
        }
      }
      previousDelta = delta;
      // The value: XOR with the previous one, as Prometheus's xorWrite.
      const xorHi = (hi ^ previousHi) >>> 0;
      const xorLo = (lo ^ previousLo) >>> 0;
      if (xorHi === 0 && xorLo === 0) {
        w.bits(0, 1);
      } else {
        w.bits(1, 1);
        let newLeading = xorHi !== 0 ? Math.clz32(xorHi) : 32 + Math.clz32(xorLo);
        const newTrailing = xorLo !== 0 ? countTrailingZeros32(xorLo) : 32 + countTrailingZeros32(xorHi);
        if (newLeading >= 32) {
          newLeading = 31;
        }
        let shift = trailing;
        let significant = 64 - leading - trailing;
        if (leading !== 0xff && newLeading >= leading && newTrailing >= trailing) {
          w.bits(0, 1);
        } else {
          leading = newLeading;
          trailing = newTrailing;
          shift = newTrailing;
          significant = 64 - newLeading - newTrailing;
          w.bits(1, 1);
          w.bits(newLeading, 5);
          w.bits(significant & 0x3f, 6);
        }
        // (xor >> shift), its low `significant` bits.
        let shiftedHi: number;
        let shiftedLo: number;
        if (shift >= 32) {
          shiftedHi = 0;
          shiftedLo = xorHi >>> (shift - 32);
        } else if (shift > 0) {
          shiftedHi = xorHi >>> shift;
          shiftedLo = ((xorLo >>> shift) | (xorHi << (32 - shift))) >>> 0;
        } else {
          shiftedHi = xorHi;
          shiftedLo = xorLo;
        }
        w.bits64(shiftedHi, shiftedLo, significant);
      }
    }
    previousT = t;
    previousHi = hi;
    previousLo = lo;
  }
  return w.out.view();
}

const encoder = new TextEncoder();

/** A map key of the bytes of a label name or value. */
function bytesKey(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('latin1');
}

/** Byte-wise order of UTF-8 strings, as Go compares them. */
function compareUtf8(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) {
      return a[i] - b[i];
    }
  }
  return a.length - b.length;
}

/** A 26-character ULID: 48 bits of milliseconds and 80 random bits in Crockford's base 32. */
export function ulid(now = Date.now()): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  let time = '';
  for (let t = now, i = 0; i < 10; i++, t = Math.floor(t / 32)) {
    time = alphabet[t % 32] + time;
  }
  const random = randomBytes(16);
  let tail = '';
  for (let i = 0; i < 16; i++) {
    tail += alphabet[random[i] % 32];
  }
  return time + tail;
}

interface PreparedSeries {
  labels: Array<[Uint8Array, Uint8Array]>;
  source: BlockSeries;
}

function compareLabelSets(a: PreparedSeries, b: PreparedSeries): number {
  const n = Math.min(a.labels.length, b.labels.length);
  for (let i = 0; i < n; i++) {
    const byName = compareUtf8(a.labels[i][0], b.labels[i][0]);
    if (byName !== 0) {
      return byName;
    }
    const byValue = compareUtf8(a.labels[i][1], b.labels[i][1]);
    if (byValue !== 0) {
      return byValue;
    }
  }
  return a.labels.length - b.labels.length;
}

/**
 * Writes `series` as one block in the TSDB directory `dbDir` (first as `<ulid>.tmp`, renamed when complete,
 * as Prometheus does, so that a server never opens half a block). Series without samples are left out.
 */
export function writeBlock(dbDir: string, series: BlockSeries[], now = Date.now()): WrittenBlock {
  const prepared: PreparedSeries[] = [];
  for (const s of series) {
    if (s.timestamps.length !== s.values.length) {
      throw new Error(
        `series ${JSON.stringify(s.labels)}: ${s.timestamps.length} timestamps, ${s.values.length} values`
      );
    }
    if (s.timestamps.length === 0) {
      continue;
    }
    for (let i = 1; i < s.timestamps.length; i++) {
      if (!(s.timestamps[i] > s.timestamps[i - 1])) {
        throw new Error(`series ${JSON.stringify(s.labels)}: samples out of order at ${s.timestamps[i]}`);
      }
    }
    const labels = Object.entries(s.labels)
      .filter(([, value]) => value !== '')
      .map(([name, value]): [Uint8Array, Uint8Array] => [encoder.encode(name), encoder.encode(value)])
      .sort((x, y) => compareUtf8(x[0], y[0]));
    prepared.push({ labels, source: s });
  }
  prepared.sort(compareLabelSets);
  for (let i = 1; i < prepared.length; i++) {
    if (compareLabelSets(prepared[i - 1], prepared[i]) === 0) {
      throw new Error(`series ${JSON.stringify(prepared[i].source.labels)} given twice`);
    }
  }

  // Chunks: one segment file (Prometheus's limit is 512 MiB a segment; the preview's history is far smaller).
  const chunkFile = new ByteWriter();
  chunkFile.be32(CHUNKS_MAGIC);
  chunkFile.byte(1);
  chunkFile.raw(new Uint8Array(3));
  const chunkMetas: Array<Array<{ minTime: number; maxTime: number; ref: number }>> = [];
  let minTime = Infinity;
  let maxTime = -Infinity;
  let samples = 0;
  let chunkCount = 0;
  for (const { source } of prepared) {
    const metas: Array<{ minTime: number; maxTime: number; ref: number }> = [];
    const n = source.timestamps.length;
    for (let from = 0; from < n; from += SAMPLES_PER_CHUNK) {
      const to = Math.min(n, from + SAMPLES_PER_CHUNK);
      const data = xorChunk(source.timestamps, source.values, from, to);
      const ref = chunkFile.length;
      chunkFile.uvarint(data.length);
      const crcFrom = chunkFile.length;
      chunkFile.byte(XOR_ENCODING);
      chunkFile.raw(data);
      chunkFile.crcOf(crcFrom);
      metas.push({ minTime: source.timestamps[from], maxTime: source.timestamps[to - 1], ref });
      chunkCount++;
    }
    if (chunkFile.length >= 2 ** 32) {
      throw new Error('the block holds more than 4 GiB of chunks: split it');
    }
    chunkMetas.push(metas);
    minTime = Math.min(minTime, source.timestamps[0]);
    maxTime = Math.max(maxTime, source.timestamps[n - 1]);
    samples += n;
  }

  const index = writeIndex(prepared, chunkMetas);
  const id = ulid(now);
  const tmp = path.join(dbDir, `${id}.tmp`);
  fs.mkdirSync(path.join(tmp, 'chunks'), { recursive: true });
  fs.writeFileSync(path.join(tmp, 'chunks', '000001'), chunkFile.view());
  fs.writeFileSync(path.join(tmp, 'index'), index);
  const tombstones = new ByteWriter();
  tombstones.be32(TOMBSTONES_MAGIC);
  tombstones.byte(1);
  tombstones.be32(crc32c(new Uint8Array(0)));
  fs.writeFileSync(path.join(tmp, 'tombstones'), tombstones.view());
  const block: WrittenBlock = {
    ulid: id,
    minTime: prepared.length > 0 ? minTime : 0,
    maxTime: prepared.length > 0 ? maxTime + 1 : 0,
    series: prepared.length,
    samples,
    chunks: chunkCount,
  };
  const meta = {
    ulid: id,
    minTime: block.minTime,
    maxTime: block.maxTime,
    stats: { numSamples: samples, numSeries: prepared.length, numChunks: chunkCount },
    compaction: { level: 1, sources: [id] },
    version: 1,
  };
  fs.writeFileSync(path.join(tmp, 'meta.json'), `${JSON.stringify(meta, null, '\t')}\n`);
  fs.renameSync(tmp, path.join(dbDir, id));
  return block;
}

function writeIndex(
  prepared: PreparedSeries[],
  chunkMetas: Array<Array<{ minTime: number; maxTime: number; ref: number }>>
): Uint8Array {
  const w = new ByteWriter();
  w.be32(INDEX_MAGIC);
  w.byte(INDEX_VERSION);

  // Symbols: every label name and value, sorted byte-wise; series refer to them by position.
  const symbolSet = new Map<string, Uint8Array>();
  for (const { labels } of prepared) {
    for (const [name, value] of labels) {
      for (const bytes of [name, value]) {
        const key = bytesKey(bytes);
        if (!symbolSet.has(key)) {
          symbolSet.set(key, bytes);
        }
      }
    }
  }
  const symbols = [...symbolSet.values()].sort(compareUtf8);
  const symbolIndex = new Map<string, number>(symbols.map((s, i) => [bytesKey(s), i]));
  const ref = (bytes: Uint8Array) => symbolIndex.get(bytesKey(bytes))!;
  const symbolsAt = w.section(() => {
    w.be32(symbols.length);
    for (const s of symbols) {
      w.string(s);
    }
  });

  // Series, each 16-byte aligned: its id is its offset / 16.
  const seriesAt = w.length;
  const ids: number[] = [];
  const body = new ByteWriter();
  prepared.forEach(({ labels }, i) => {
    w.pad(16);
    ids.push(w.length / 16);
    body.length = 0;
    body.uvarint(labels.length);
    for (const [name, value] of labels) {
      body.uvarint(ref(name));
      body.uvarint(ref(value));
    }
    const metas = chunkMetas[i];
    body.uvarint(metas.length);
    metas.forEach((c, k) => {
      if (k === 0) {
        body.varint(c.minTime);
        body.uvarint(c.maxTime - c.minTime);
        body.uvarint(c.ref);
      } else {
        body.uvarint(c.minTime - metas[k - 1].maxTime);
        body.uvarint(c.maxTime - c.minTime);
        body.varint(c.ref - metas[k - 1].ref);
      }
    });
    w.uvarint(body.length);
    const at = w.length;
    w.raw(body.view());
    w.crcOf(at);
  });

  // Postings per label pair, and the all-series list under the empty pair.
  const byName = new Map<string, { name: Uint8Array; values: Map<string, { value: Uint8Array; ids: number[] }> }>();
  prepared.forEach(({ labels }, i) => {
    for (const [name, value] of labels) {
      const entry = byName.get(bytesKey(name)) ?? { name, values: new Map() };
      byName.set(bytesKey(name), entry);
      const list = entry.values.get(bytesKey(value)) ?? { value, ids: [] };
      entry.values.set(bytesKey(value), list);
      list.ids.push(ids[i]);
    }
  });
  // Each name with its values, both in byte order.
  const names = [...byName.values()]
    .sort((a, b) => compareUtf8(a.name, b.name))
    .map(({ name, values }) => ({ name, values: [...values.values()].sort((a, b) => compareUtf8(a.value, b.value)) }));

  // Label indices (Prometheus 2.x writes them; newer readers ignore them).
  const labelIndicesAt = w.length;
  const labelIndexOffsets: Array<{ name: Uint8Array; offset: number }> = [];
  for (const { name, values } of names) {
    w.pad(4);
    const offset = w.section(() => {
      w.be32(1);
      w.be32(values.length);
      for (const { value } of values) {
        w.be32(ref(value));
      }
    });
    labelIndexOffsets.push({ name, offset });
  }

  w.pad(4);
  const postingsAt = w.length;
  const postingOffsets: Array<{ name: Uint8Array; value: Uint8Array; offset: number }> = [];
  const writePostings = (name: Uint8Array, value: Uint8Array, list: number[]) => {
    w.pad(4);
    const offset = w.section(() => {
      w.be32(list.length);
      for (const id of list) {
        w.be32(id);
      }
    });
    postingOffsets.push({ name, value, offset });
  };
  writePostings(new Uint8Array(0), new Uint8Array(0), ids);
  for (const { name, values } of names) {
    for (const { value, ids: list } of values) {
      writePostings(name, value, list);
    }
  }

  const labelTableAt = w.section(() => {
    w.be32(labelIndexOffsets.length);
    for (const { name, offset } of labelIndexOffsets) {
      w.uvarint(1);
      w.string(name);
      w.uvarint(offset);
    }
  });
  const postingsTableAt = w.section(() => {
    w.be32(postingOffsets.length);
    for (const { name, value, offset } of postingOffsets) {
      w.uvarint(2);
      w.string(name);
      w.string(value);
      w.uvarint(offset);
    }
  });

  const tocAt = w.length;
  for (const offset of [symbolsAt, seriesAt, labelIndicesAt, labelTableAt, postingsAt, postingsTableAt]) {
    w.be64(offset);
  }
  w.crcOf(tocAt);
  return w.view();
}
