/**
 * Where one training step's time goes, per tfjs kernel, for the reference models compiled from their
 * documents (scripts/bench/references.ts) on wasm in Node: process CPU time per kernel (a busy shared
 * machine disturbs it far less than wall time), the gradient pass and the optimiser update apart, for the
 * whole batch (one worker) and for half of it (a shard of two workers).
 *
 *   npx tsx scripts/bench/profileStep.ts [--steps 5] [--model cnn|unet]
 */
import * as tf from '@tensorflow/tfjs';
import { pathToFileURL } from 'node:url';
import { initBackend } from '../../engine/backends/init';
import { compileGraph, createOptimizer } from '../../engine/compile';
import { randomBatch, trainableVariables } from '../../engine/train';
import { REFERENCE_MODELS } from './references';

const cpuMs = (f: () => void): number => {
  const c0 = process.cpuUsage();
  f();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
};

async function profileModel(name: 'cnn' | 'unet', batchSize: number, steps: number): Promise<void> {
  const ref = REFERENCE_MODELS.find((m) => m.name === name)!;
  const compiled = compileGraph(ref.document(), { seed: 1 });
  if (!compiled.ok) throw new Error('does not compile');
  const [x, y] = randomBatch(compiled, batchSize, 3);
  const optimizer = createOptimizer({ optimizer: 'adam', learningRate: 1e-3, momentum: 0 });
  const vars = trainableVariables(compiled.model);
  let gradMs = 0;
  let applyMs = 0;
  const step = () => {
    let grads: tf.NamedTensorMap = {};
    let value: tf.Scalar | undefined;
    gradMs += cpuMs(() => {
      const r = optimizer.computeGradients(() => compiled.loss(y, compiled.logits(x, true)) as tf.Scalar, vars);
      grads = r.grads;
      value = r.value;
      value.dataSync();
    });
    applyMs += cpuMs(() => optimizer.applyGradients(grads));
    tf.dispose([value!, ...Object.values(grads)]);
  };
  for (let i = 0; i < 3; i++) step();
  gradMs = 0;
  applyMs = 0;
  const w0 = performance.now();
  for (let i = 0; i < steps; i++) step();
  const wallMs = (performance.now() - w0) / steps;
  const g = gradMs / steps;
  const a = applyMs / steps;
  // Per-kernel CPU time of one step (backend.time timed in process CPU time, as kernels.ts does).
  const backend = tf.backend() as unknown as { time: (f: () => void) => Promise<{ kernelMs: number }> };
  const wallTime = backend.time;
  backend.time = async (f) => ({ kernelMs: cpuMs(f) });
  const byName = new Map<string, { ms: number; calls: number }>();
  try {
    for (let i = 0; i < steps; i++) {
      const info = await tf.profile(() => step());
      for (const k of info.kernels) {
        const e = byName.get(k.name) ?? { ms: 0, calls: 0 };
        e.ms += (k.kernelTimeMs as number) / steps;
        e.calls += 1 / steps;
        byName.set(k.name, e);
      }
    }
  } finally {
    backend.time = wallTime;
  }
  const total = [...byName.values()].reduce((s, k) => s + k.ms, 0);
  console.log(`\n${name} batch ${batchSize}: ${(g + a).toFixed(1)} ms CPU/step = gradients ${g.toFixed(1)} + optimiser update ${a.toFixed(1)}; ${((batchSize * 1000) / (g + a)).toFixed(0)} img/cpu-s; wall ${wallMs.toFixed(1)} ms/step; kernels sum ${total.toFixed(1)} ms`);
  for (const [k, v] of [...byName.entries()].sort((p, q) => q[1].ms - p[1].ms).slice(0, 22)) {
    console.log(`  ${k.padEnd(28)} ${v.ms.toFixed(2).padStart(8)} ms ${v.calls.toFixed(0).padStart(4)} calls ${((100 * v.ms) / total).toFixed(1).padStart(5)}%`);
  }
  tf.dispose([x, y]);
  optimizer.dispose();
  compiled.model.dispose();
}

async function main(argv: string[]): Promise<void> {
  const i = argv.indexOf('--steps');
  const steps = i >= 0 ? Number(argv[i + 1]) : 5;
  const m = argv.indexOf('--model');
  await initBackend('wasm');
  for (const ref of REFERENCE_MODELS) {
    if (m >= 0 && argv[m + 1] !== ref.name) continue;
    await profileModel(ref.name, ref.batchSize, steps);
    await profileModel(ref.name, ref.batchSize / 2, steps);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
