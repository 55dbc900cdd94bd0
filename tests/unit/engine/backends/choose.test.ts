import { describe, expect, it } from 'vitest';
import { chooseBackend, decideBackend, type BackendProbes, type ProbeResult } from '@/engine/backends/choose';
import type { BackendName } from '@/graph/types';

const hardGpu: ProbeResult = { available: true, detail: 'nvidia ampere' };
const fallbackGpu: ProbeResult = { available: true, software: true, detail: 'fallback adapter google swiftshader' };
const noGpu: ProbeResult = { available: false, detail: 'no adapter' };
const hardGl: ProbeResult = { available: true, detail: 'ANGLE (Intel UHD 620)' };
const softGl: ProbeResult = { available: true, software: true, detail: 'ANGLE (SwiftShader Device)' };
const noGl: ProbeResult = { available: false, detail: 'no WebGL context' };
const wasm: ProbeResult = { available: true, detail: 'WebAssembly with SIMD (XNNPACK)' };
const noWasm: ProbeResult = { available: false, detail: 'no WebAssembly' };
const cpu: ProbeResult = { available: true, detail: 'plain JavaScript' };

describe('decideBackend', () => {
  it.each([
    // preference, webgpu, webgl, wasm -> chosen, backends considered in order
    ['auto', hardGpu, hardGl, wasm, 'webgpu', ['webgpu']],
    ['auto', fallbackGpu, hardGl, wasm, 'webgl', ['webgpu', 'webgl']],
    ['auto', noGpu, hardGl, wasm, 'webgl', ['webgpu', 'webgl']],
    ['auto', fallbackGpu, softGl, wasm, 'wasm', ['webgpu', 'webgl', 'wasm']], // this machine: SwiftShader only
    ['auto', noGpu, noGl, wasm, 'wasm', ['webgpu', 'webgl', 'wasm']],
    ['auto', noGpu, noGl, noWasm, 'cpu', ['webgpu', 'webgl', 'wasm', 'cpu']],
    ['webgl', fallbackGpu, softGl, wasm, 'webgl', ['webgl']], // explicit: honoured even in software
    ['wasm', hardGpu, hardGl, wasm, 'wasm', ['wasm']],
    ['webgpu', noGpu, softGl, wasm, 'wasm', ['webgpu', 'webgl', 'wasm']], // unavailable: auto order after it
    ['cpu', hardGpu, hardGl, wasm, 'cpu', ['cpu']],
  ] as const)('%s with webgpu %o, webgl %o, wasm %o -> %s', (pref, gpu, gl, w, want, order) => {
    const choice = decideBackend(pref, { webgpu: gpu, webgl: gl, wasm: w, cpu });
    expect(choice.name).toBe(want);
    expect(choice.tried.map((t) => t.name)).toEqual(order);
    expect(choice.tried.at(-1)).toMatchObject({ name: want, ok: true });
    expect(choice.tried.slice(0, -1).every((t) => !t.ok)).toBe(true);
  });

  it('says why each faster backend was skipped', () => {
    const choice = decideBackend('auto', { webgpu: fallbackGpu, webgl: softGl, wasm, cpu });
    expect(choice.reason).toBe(
      'wasm: WebAssembly with SIMD (XNNPACK) (webgpu runs on a software renderer (fallback adapter google swiftshader), ' +
        'slower than wasm; webgl runs on a software renderer (ANGLE (SwiftShader Device)), slower than wasm)',
    );
  });

  it('names the request when it falls back', () => {
    const choice = decideBackend('webgpu', { webgpu: noGpu, webgl: noGl, wasm, cpu });
    expect(choice.reason).toMatch(/^webgpu was requested; using wasm: /);
    expect(choice.reason).toContain('webgpu unavailable: no adapter');
  });

  it('falls back to cpu when nothing was probed', () => {
    expect(decideBackend('auto', {})).toEqual({
      name: 'cpu',
      reason: 'cpu: nothing faster is available',
      tried: [{ name: 'cpu', ok: true, reason: 'cpu: nothing faster is available' }],
    });
  });
});

describe('chooseBackend', () => {
  function fakeProbes(results: Record<BackendName, ProbeResult | Error>): { probes: BackendProbes; calls: BackendName[] } {
    const calls: BackendName[] = [];
    const make = (name: BackendName) => async () => {
      calls.push(name);
      const r = results[name];
      if (r instanceof Error) throw r;
      return r;
    };
    return { probes: { webgpu: make('webgpu'), webgl: make('webgl'), wasm: make('wasm'), cpu: make('cpu') }, calls };
  }

  it('probes lazily: stops at the first acceptable backend', async () => {
    const { probes, calls } = fakeProbes({ webgpu: noGpu, webgl: hardGl, wasm, cpu });
    expect((await chooseBackend('auto', probes)).name).toBe('webgl');
    expect(calls).toEqual(['webgpu', 'webgl']);
  });

  it('treats a probe that throws as unavailable', async () => {
    const { probes } = fakeProbes({ webgpu: new Error('GPU process crashed'), webgl: softGl, wasm, cpu });
    const choice = await chooseBackend('auto', probes);
    expect(choice.name).toBe('wasm');
    expect(choice.tried[0]).toEqual({ name: 'webgpu', ok: false, reason: 'webgpu unavailable: Error: GPU process crashed' });
  });
});
