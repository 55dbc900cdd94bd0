import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CHECK = fileURLToPath(new URL('./fmaCheck.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../../../', import.meta.url));

// Node 20 runs relaxed SIMD only with a flag, Chromium by default: the fused kernels the browser trains with
// are checked in a Node started with the flag.
describe('filter-gradient kernels with relaxed_madd', () => {
  it('match the cpu backend as the plain kernels do, in a Node with relaxed SIMD', () => {
    const stdout = execFileSync(process.execPath, ['--experimental-wasm-relaxed-simd', '--import', 'tsx', CHECK], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 120_000,
    });
    type Errors = { shape: number[]; fused: number; plain: number };
    const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as { fma: boolean; cases: Errors[]; conv: (Errors & { xnnpack: number; differs: boolean })[] };
    expect(result.fma).toBe(true);
    expect(result.cases).toHaveLength(6);
    for (const c of result.cases) {
      expect(c.plain, `plain ${c.shape}`).toBeLessThan(1e-5);
      expect(c.fused, `fused ${c.shape}`).toBeLessThan(1e-5);
    }
    // The fused kernels ran: rounding once per multiply-add, they land elsewhere than the plain ones.
    expect(result.cases.some((c) => c.fused !== c.plain)).toBe(true);

    // The direct convolution with relaxed_madd, as Chromium runs every forward convolution.
    expect(result.conv).toHaveLength(3);
    for (const c of result.conv) {
      expect(c.fused, `conv fused ${c.shape}`).toBeLessThan(1e-5);
      expect(c.plain, `conv plain ${c.shape}`).toBeLessThan(1e-5);
      expect(c.xnnpack, `conv xnnpack ${c.shape}`).toBeLessThan(1e-5);
      expect(c.differs, `conv ${c.shape}: relaxed_madd ran`).toBe(true);
    }
  });
});
