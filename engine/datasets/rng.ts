/**
 * A small seeded pseudo-random generator (sfc32, seeded through splitmix32) and the sampling helpers the
 * generators, splits and batches need. Everything random in engine/datasets goes through this, so the same
 * seed gives the same bytes (Math.random is never used).
 *
 * Example: const rng = createRng(42); rng.uniform(0, 1); rng.normal(0, 1); rng.shuffle([1, 2, 3]);
 */

/** A deterministic stream of random numbers with sampling helpers. */
export interface Rng {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform unsigned 32-bit integer. */
  uint32(): number;
  /** Fill `out` with uniform unsigned 32-bit integers (the same words as out.length uint32() calls, faster). */
  fillUint32(out: Uint32Array): Uint32Array;
  /** Uniform float in [lo, hi). */
  uniform(lo: number, hi: number): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Normal (Gaussian) sample. */
  normal(mean?: number, sd?: number): number;
  /** True with probability p. */
  bool(p?: number): boolean;
  /** A uniformly chosen element; throws on an empty array. */
  choice<T>(items: readonly T[]): T;
  /** Index drawn with probability proportional to weights (non-negative, not all zero). */
  weighted(weights: readonly number[]): number;
  /** Fisher-Yates shuffle in place; returns the same array. */
  shuffle<T>(items: T[]): T[];
  /** An independent stream derived from this generator's seed and a key, unaffected by draws made so far. */
  fork(key: number | string): Rng;
}

/** splitmix32 step: a good 32-bit mixer for turning seeds into well-spread state words. */
function splitmix32(x: number): number {
  x = (x + 0x9e3779b9) | 0;
  let z = x;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * Hash any mix of numbers and strings to one 32-bit seed (FNV-1a over the parts, then splitmix32).
 * Example: hashSeed(42, 'skin-lesions', 7) is stable across runs and platforms.
 */
export function hashSeed(...parts: readonly (number | string)[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    const text = typeof part === 'number' ? `n${part}` : `s${part}`;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    h ^= 0xff; // separator, so ('ab','c') and ('a','bc') differ
    h = Math.imul(h, 0x01000193);
  }
  return splitmix32(h >>> 0);
}

class Sfc32 implements Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spare: number | null = null;
  private readonly seed: number;

  constructor(seed: number) {
    this.seed = seed >>> 0;
    this.a = splitmix32(this.seed);
    this.b = splitmix32(this.a);
    this.c = splitmix32(this.b);
    this.d = 1;
    // Discard the first outputs: sfc32 needs a few rounds to decorrelate from similar seeds.
    for (let i = 0; i < 12; i++) this.nextUint();
  }

  uint32(): number {
    return this.nextUint();
  }

  fillUint32(out: Uint32Array): Uint32Array {
    // The generator's state is stepped here in locals, so no number is boxed per word.
    let { a, b, c, d } = this;
    for (let i = 0; i < out.length; i++) {
      const t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (c << 21) | (c >>> 11);
      c = (c + t) | 0;
      out[i] = t;
    }
    this.a = a;
    this.b = b;
    this.c = c;
    this.d = d;
    return out;
  }

  private nextUint(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  next(): number {
    return this.nextUint() / 4294967296;
  }

  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  normal(mean = 0, sd = 1): number {
    // Box-Muller; the second value of each pair is kept for the next call.
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return mean + sd * s;
    }
    let u = 0;
    while (u === 0) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return mean + sd * r * Math.cos(2 * Math.PI * v);
  }

  bool(p = 0.5): boolean {
    return this.next() < p;
  }

  choice<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('choice() needs a non-empty array.');
    return items[this.int(items.length)];
  }

  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    if (!(total > 0)) throw new Error('weighted() needs positive total weight.');
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i];
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = items[i];
      items[i] = items[j];
      items[j] = tmp;
    }
    return items;
  }

  fork(key: number | string): Rng {
    return new Sfc32(hashSeed(this.seed, key));
  }
}

/** A generator for a numeric or string seed. The same seed always yields the same sequence. */
export function createRng(seed: number | string): Rng {
  return new Sfc32(hashSeed(seed));
}
