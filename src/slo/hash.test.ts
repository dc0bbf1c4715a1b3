import fc from 'fast-check';
import { fnv1a64 } from './hash';

/** The hash as first written: TextEncoder's bytes, then FNV-1a with each seed. Deployed rules carry its values. */
function reference(text: string): string {
  const bytes = new TextEncoder().encode(text);
  const hash32 = (seed: number) => {
    let hash = seed;
    for (const byte of bytes) {
      hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
    }
    return hash.toString(16).padStart(8, '0');
  };
  return hash32(0x811c9dc5) + hash32(0x050c5d1f);
}

describe('fnv1a64', () => {
  it('is FNV-1a 32 with the standard offset basis in its first half', () => {
    expect(fnv1a64('').slice(0, 8)).toBe('811c9dc5');
    expect(fnv1a64('a').slice(0, 8)).toBe('e40c292c');
  });

  it('hashes the UTF-8 bytes TextEncoder gives, lone surrogates included', () => {
    const units = fc.array(
      fc.oneof(
        fc.integer({ min: 0, max: 0x7f }),
        fc.integer({ min: 0x80, max: 0xffff }),
        fc.constantFrom(0xd800, 0xdbff, 0xdc00, 0xdfff, 0xd83d, 0xde00)
      ),
      { maxLength: 40 }
    );
    fc.assert(
      fc.property(units, (codes) => {
        const text = String.fromCharCode(...codes);
        expect(fnv1a64(text)).toBe(reference(text));
      }),
      { numRuns: 5000 }
    );
    expect(fnv1a64('😀 zürich')).toBe(reference('😀 zürich'));
  });
});
