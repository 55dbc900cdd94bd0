/** 'auto' by measurement: which backends get timed, which one wins, and the cache key. */
import { describe, expect, it } from 'vitest';
import type { ProbeResult } from '@/engine/backends/choose';
import { backendsToTime, decideByTiming, timingKey, type BackendTiming } from '@/engine/backends/timing';

const hardGpu: ProbeResult = { available: true, detail: 'intel gen-12lp' };
const softGpu: ProbeResult = { available: true, software: true, detail: 'fallback adapter swiftshader' };
const noGpu: ProbeResult = { available: false, detail: 'no adapter' };
const hardGl: ProbeResult = { available: true, detail: 'ANGLE (Intel UHD 620)' };
const softGl: ProbeResult = { available: true, software: true, detail: 'ANGLE (SwiftShader Device)' };
const wasm: ProbeResult = { available: true, detail: 'WebAssembly with SIMD (XNNPACK)' };
const noWasm: ProbeResult = { available: false, detail: 'no WebAssembly' };
const cpu: ProbeResult = { available: true, detail: 'plain JavaScript' };

const t = (name: BackendTiming['name'], imagesPerSecond: number | null, detail = ''): BackendTiming => ({ name, imagesPerSecond, detail });

describe('backendsToTime', () => {
  it.each([
    [hardGpu, hardGl, wasm, ['webgpu', 'webgl', 'wasm']],
    [noGpu, hardGl, wasm, ['webgl', 'wasm']],
    [softGpu, hardGl, wasm, ['webgl', 'wasm']],
    [softGpu, softGl, wasm, []], // this machine: nothing to compare, wasm without timing
    [noGpu, hardGl, noWasm, []], // one candidate only
  ] as const)('webgpu %o, webgl %o, wasm %o -> %j', (gpu, gl, w, want) => {
    expect(backendsToTime({ webgpu: gpu, webgl: gl, wasm: w, cpu })).toEqual(want);
  });
});

describe('decideByTiming', () => {
  const probes = { webgpu: noGpu, webgl: hardGl, wasm, cpu };

  it('takes wasm on several cores over a weak integrated GPU when it measured faster, listing the figures', () => {
    const choice = decideByTiming('auto', probes, [t('webgl', 210.4), t('wasm', 480.2, '6 steps, 2 workers')]);
    expect(choice.name).toBe('wasm');
    expect(choice.reason).toBe('fastest on this graph: wasm 480 img/s (measured: webgl 210 img/s)');
    expect(choice.tried).toEqual([
      { name: 'webgl', ok: false, reason: 'webgl 210 img/s' },
      { name: 'wasm', ok: true, reason: 'wasm 480 img/s' },
    ]);
  });

  it('takes the GPU when it is faster, and says why a failed backend lost', () => {
    const choice = decideByTiming('auto', { ...probes, webgpu: hardGpu }, [t('webgpu', null, 'device lost'), t('webgl', 900), t('wasm', 480)]);
    expect(choice.name).toBe('webgl');
    expect(choice.reason).toBe('fastest on this graph: webgl 900 img/s (measured: webgpu failed (device lost), wasm 480 img/s)');
  });

  it('breaks a tie in the auto order', () => {
    expect(decideByTiming('auto', probes, [t('wasm', 300), t('webgl', 300)]).name).toBe('webgl');
  });

  it('falls back to the probes ranking when nothing could be timed, and never overrides an explicit choice', () => {
    expect(decideByTiming('auto', probes, [t('webgl', null, 'x'), t('wasm', null, 'y')])).toEqual(decideByTiming('auto', probes, []));
    expect(decideByTiming('auto', probes, []).name).toBe('webgl');
    const explicit = decideByTiming('webgl', probes, [t('webgl', 10), t('wasm', 1000)]);
    expect(explicit.name).toBe('webgl');
    expect(explicit.reason).toBe('webgl: ANGLE (Intel UHD 620)');
  });
});

describe('timingKey', () => {
  it('changes with the device, the cores and the graph size, not with anything else', () => {
    const probes = { webgpu: noGpu, webgl: hardGl, wasm, cpu };
    const size = { macs: 1_000_000, params: 5000, batchSize: 32 };
    const key = timingKey(probes, 4, size);
    expect(timingKey({ ...probes }, 4, { ...size })).toBe(key);
    expect(timingKey({ ...probes, webgl: { available: true, detail: 'ANGLE (NVIDIA)' } }, 4, size)).not.toBe(key);
    expect(timingKey(probes, 8, size)).not.toBe(key);
    expect(timingKey(probes, 4, { ...size, batchSize: 16 })).not.toBe(key);
    expect(timingKey(probes, 4, { ...size, macs: 2_000_000 })).not.toBe(key);
  });
});
