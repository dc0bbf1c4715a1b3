/**
 * A short, stable hash of text, the same in the browser, the CLI and the tests: rule fingerprints and
 * names derived from free text are made with it.
 */

/** 64 bits of FNV-1a (two 32-bit hashes with different seeds) of the UTF-8 bytes of `text`, as 16 hex digits. */
export function fnv1a64(text: string): string {
  // Both hashes in one pass over the text, its UTF-8 bytes made on the way (as TextEncoder makes them, a lone
  // surrogate as U+FFFD): every SLO's rules are hashed, ten thousand of them in a CLI run, and encoding
  // the text first cost more than hashing it.
  let first = 0x811c9dc5;
  let second = 0x050c5d1f;
  const add = (byte: number) => {
    first = Math.imul(first ^ byte, 0x01000193);
    second = Math.imul(second ^ byte, 0x01000193);
  };
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code < 0x80) {
      add(code);
      continue;
    }
    if (code >= 0xd800 && code <= 0xdfff) {
      const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
        i++;
      } else {
        code = 0xfffd;
      }
    }
    if (code < 0x800) {
      add(0xc0 | (code >> 6));
    } else if (code < 0x10000) {
      add(0xe0 | (code >> 12));
      add(0x80 | ((code >> 6) & 0x3f));
    } else {
      add(0xf0 | (code >> 18));
      add(0x80 | ((code >> 12) & 0x3f));
      add(0x80 | ((code >> 6) & 0x3f));
    }
    add(0x80 | (code & 0x3f));
  }
  return (first >>> 0).toString(16).padStart(8, '0') + (second >>> 0).toString(16).padStart(8, '0');
}
