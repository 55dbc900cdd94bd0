import { describe, expect, it } from 'vitest';
import { chooseBackend } from '@/engine/backends/choose';
import { browserProbes, isSoftwareRenderer, probeWasm, probeWebGl, probeWebGpu } from '@/engine/backends/probe';

describe('isSoftwareRenderer', () => {
  it.each([
    ['ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)', true],
    ['llvmpipe (LLVM 15.0.6, 256 bits)', true],
    ['Microsoft Basic Render Driver', true],
    ['google swiftshader', true],
    ['ANGLE (Intel, Intel(R) UHD Graphics 620 Direct3D11 vs_5_0 ps_5_0, D3D11)', false],
    ['Apple M2', false],
    ['nvidia ampere', false],
  ])('%s -> %s', (renderer, software) => {
    expect(isSoftwareRenderer(renderer)).toBe(software);
  });
});

describe('probes in Node (no GPU APIs)', () => {
  it('report WebGPU and WebGL unavailable instead of throwing', async () => {
    expect(await probeWebGpu()).toEqual({ available: false, detail: 'no navigator.gpu' });
    expect((await probeWebGl()).available).toBe(false);
  });

  it('find WebAssembly with SIMD', async () => {
    expect(await probeWasm()).toEqual({ available: true, detail: 'WebAssembly with SIMD (XNNPACK)' });
  });

  it('lead auto to wasm', async () => {
    const choice = await chooseBackend('auto', browserProbes);
    expect(choice.name).toBe('wasm');
    expect(choice.tried.map((t) => t.ok)).toEqual([false, false, true]);
  });
});
