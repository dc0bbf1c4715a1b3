/**
 * Deterministic randomness: every random quantity of the generator is a hash of the seed and of what it
 * describes (a service, a route, a time slot), so the same seed gives the same traffic whenever, and in
 * whatever order, it is asked for.
 */

/** 32-bit FNV-1a of a string followed by the murmur3 finaliser. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A number in [0, 1) drawn from the seed and the parts naming what it is for. */
export function unitRandom(seed: number, ...parts: Array<string | number>): number {
  return hash32(`${seed}|${parts.join('|')}`) / 4294967296;
}

/** A number in [min, max) drawn like unitRandom. */
export function uniform(min: number, max: number, seed: number, ...parts: Array<string | number>): number {
  return min + (max - min) * unitRandom(seed, ...parts);
}
