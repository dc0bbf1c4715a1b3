import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readFileBounded } from './readBounded';

describe('readFileBounded', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'burnrate-read-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a file up to the limit as UTF-8', () => {
    const file = path.join(dir, 'slo.yaml');
    writeFileSync(file, 'name: café\n');
    expect(readFileBounded(file, 12)).toBe('name: café\n');
  });

  it('refuses a larger file with EFBIG', () => {
    const file = path.join(dir, 'big.yaml');
    writeFileSync(file, 'x'.repeat(101));
    expect(() => readFileBounded(file, 100)).toThrow(expect.objectContaining({ code: 'EFBIG' }));
  });

  it('reads an endless device no further than the limit', () => {
    if (!existsSync('/dev/zero')) {
      return;
    }
    expect(() => readFileBounded('/dev/zero', 3 * 1024 * 1024)).toThrow(expect.objectContaining({ code: 'EFBIG' }));
  });

  it('keeps the codes the CLI words: a directory, a missing file', () => {
    expect(() => readFileBounded(dir, 100)).toThrow(expect.objectContaining({ code: 'EISDIR' }));
    expect(() => readFileBounded(path.join(dir, 'nope.yaml'), 100)).toThrow(
      expect.objectContaining({ code: 'ENOENT' })
    );
  });
});
