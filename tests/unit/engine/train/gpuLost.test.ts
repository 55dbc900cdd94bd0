/**
 * A GPU that goes away mid-run (driver reset, GPU process restart, sleep) ends the run with code 'gpu-lost'
 * and a hint to use the CPU backend, not as "a bug in Convas": the browsers' and tfjs' own messages are
 * recognised, other failures stay 'internal'.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '@/engine/backends';
import { train, type TrainEvent } from '@/engine/train';
import { GPU_LOST_HINT, isGpuLost } from '@/engine/train/gpuLost';
import { TINY_GRAPHS } from '../compile/graphs';

beforeAll(async () => {
  await initBackend('cpu');
});

afterEach(() => vi.restoreAllMocks());

describe('isGpuLost', () => {
  it.each([
    ['[Device] is lost.'],
    ['Device was lost. Reason: unknown'],
    ['WebGL Error: CONTEXT_LOST_WEBGL: 37442'],
    ['WebGL context lost.'],
  ])('recognises %j', (message) => {
    expect(isGpuLost(new Error(message))).toBe(true);
    expect(isGpuLost(message)).toBe(true);
  });

  it.each([
    // Chromium 156's answer to a synchronous read on webgpu (this project's bench): our bug, not a lost GPU.
    ["AbortError: Failed to execute 'mapAsync' on 'GPUBuffer': A valid external Instance reference no longer exists."],
    ['Requested texture size [70000x2] greater than WebGL maximum on this browser / GPU [16384x16384].'],
    ['The image has 10 values; the model expects 6x6x3 = 108.'],
    ["Cannot read properties of undefined (reading 'shape')"],
    ['Out of memory: device memory exhausted'],
    ['The lost-and-found layer is not a layer'],
  ])('leaves %j alone', (message) => {
    expect(isGpuLost(new Error(message))).toBe(false);
  });

  it('reads a DOMException-like error by its name and message', () => {
    const error = new Error('Reason: unknown');
    error.name = 'Device was lost';
    expect(isGpuLost(error)).toBe(true);
  });
});

describe('a run whose GPU is lost', () => {
  const run = async () => {
    const events: TrainEvent[] = [];
    const result = await train(
      {
        document: TINY_GRAPHS['conv-bn-pool-dense'](),
        data: { taskId: 'random-classify', count: 48, size: 8, seed: 5 },
        settings: { epochs: 1, batchSize: 8, optimizer: 'sgd', learningRate: 0.01 },
      },
      { onEvent: (e) => events.push(e) },
    );
    return { result, errors: events.filter((e) => e.type === 'error') };
  };

  it("ends with code 'gpu-lost', the backend's name and the CPU hint", async () => {
    vi.spyOn(tf.Optimizer.prototype, 'minimize').mockImplementation(() => {
      throw new Error('[Device] is lost.');
    });
    const { result, errors } = await run();
    expect(result.reason).toBe('failed');
    expect(errors).toEqual([{ type: 'error', code: 'gpu-lost', message: 'The cpu backend lost its GPU mid-run: [Device] is lost.', hint: GPU_LOST_HINT }]);
  });

  it("keeps any other failure 'internal'", async () => {
    vi.spyOn(tf.Optimizer.prototype, 'minimize').mockImplementation(() => {
      throw new Error('something else broke');
    });
    const { errors } = await run();
    expect(errors.map((e) => e.type === 'error' && e.code)).toEqual(['internal']);
  });
});
