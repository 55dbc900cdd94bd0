/**
 * A minimal WebAssembly binary writer: enough to emit a few SIMD kernels that work in place on
 * tfjs-backend-wasm's heap (their module imports the backend's memory). No toolchain is needed at build
 * time, so the kernels ship as TypeScript that generates its own bytes, for every tile size used.
 * Opcodes: WebAssembly core spec 2.0 section 5.4 and the fixed-width SIMD proposal.
 */

export const I32 = 0x7f;
export const F32 = 0x7d;
export const V128 = 0x7b;
export type ValType = typeof I32 | typeof F32 | typeof V128;

/** Unsigned LEB128. */
export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

/** Signed LEB128 (32-bit). */
export function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

function utf8(s: string): number[] {
  return [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
}

function section(id: number, body: number[]): number[] {
  return [id, ...uleb(body.length), ...body];
}

function vec(items: number[][]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

/** Builds one function body; locals are numbered after the parameters. */
export class FunctionBuilder {
  readonly code: number[] = [];
  private readonly locals: ValType[] = [];

  constructor(
    readonly params: readonly ValType[],
    readonly results: readonly ValType[] = [],
  ) {}

  /** Declares a local and returns its index. */
  local(type: ValType): number {
    this.locals.push(type);
    return this.params.length + this.locals.length - 1;
  }

  get(i: number): this {
    return this.emit(0x20, ...uleb(i));
  }
  set(i: number): this {
    return this.emit(0x21, ...uleb(i));
  }
  i32(n: number): this {
    return this.emit(0x41, ...sleb(n));
  }
  f32(n: number): this {
    const b = new Uint8Array(new Float32Array([n]).buffer);
    return this.emit(0x43, ...b);
  }
  /** `local[i] += local[j]` (i32). */
  addTo(i: number, j: number): this {
    return this.get(i).get(j).emit(0x6a).set(i);
  }
  /** `local[i] -= 1` (i32). */
  decrement(i: number): this {
    return this.get(i).i32(1).emit(0x6b).set(i);
  }
  /** A counted loop: runs `body` while local `counter` is non-zero; `body` must decrement it. */
  whileNonZero(counter: number, body: () => void): this {
    this.emit(0x02, 0x40, 0x03, 0x40); // block, loop (no result)
    this.get(counter).emit(0x45, 0x0d, 1); // i32.eqz; br_if 1 (leave the block)
    body();
    return this.emit(0x0c, 0, 0x0b, 0x0b); // br 0 (repeat the loop); end loop; end block
  }
  /** A SIMD instruction, with a memory argument (align log2, byte offset) for loads and stores. */
  simd(op: number, memarg?: { align: number; offset: number }): this {
    this.emit(0xfd, ...uleb(op));
    if (memarg) this.emit(...uleb(memarg.align), ...uleb(memarg.offset));
    return this;
  }
  /** A plain memory instruction (f32.load 0x2a, f32.store 0x38...). */
  mem(op: number, align: number, offset: number): this {
    return this.emit(op, ...uleb(align), ...uleb(offset));
  }
  emit(...bytes: number[]): this {
    for (const b of bytes) this.code.push(b);
    return this;
  }

  /** The code-section entry: locals (run-length grouped), body, end. */
  encode(): number[] {
    const groups: number[][] = [];
    for (const t of this.locals) {
      const last = groups[groups.length - 1];
      if (last && last[1] === t) last[0]++;
      else groups.push([1, t]);
    }
    const body = [...vec(groups.map(([n, t]) => [...uleb(n), t])), ...this.code, 0x0b];
    return [...uleb(body.length), ...body];
  }
}

/** SIMD opcodes used by the kernels. */
export const SIMD = {
  load: 0x00,
  load32Splat: 0x09,
  store: 0x0b,
  f32x4Splat: 0x13,
  f32x4Add: 0xe4,
  f32x4Mul: 0xe6,
} as const;

/**
 * A module that imports its memory as `env.memory` and exports `functions` by name.
 * Instantiate with the tfjs wasm backend's `WebAssembly.Memory` to work on its tensors in place.
 */
export function buildModule(functions: Record<string, FunctionBuilder>): Uint8Array<ArrayBuffer> {
  const entries = Object.entries(functions);
  const types = vec(entries.map(([, f]) => [0x60, ...vec(f.params.map((p) => [p])), ...vec(f.results.map((r) => [r]))]));
  const imports = vec([[...utf8('env'), ...utf8('memory'), 0x02, 0x00, 0x00]]); // memory, min 0 pages, no max
  const funcs = vec(entries.map((_, i) => uleb(i)));
  const exports = vec(entries.map(([name], i) => [...utf8(name), 0x00, ...uleb(i)]));
  const code = vec(entries.map(([, f]) => f.encode()));
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, types),
    ...section(2, imports),
    ...section(3, funcs),
    ...section(7, exports),
    ...section(10, code),
  ]);
}
