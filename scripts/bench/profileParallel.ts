/**
 * Where a data-parallel training step's time goes on the coordinating thread (engine/parallel/stepper.ts'
 * timings): posting the helpers' shards, its own shard's gradient, the `meanwhile` work (here: making an
 * augmented batch of the size the app would, as the training loop does), waiting for the slower helper,
 * and the summed update; against one worker's step on the same batch. Node, wasm, worker threads.
 *
 * `--before` turns off this work's step changes (fused ReLU convolutions, flat Adam) in this thread; the
 * helpers keep them (their update is not on this thread's clock).
 *
 *   npx tsx scripts/bench/profileParallel.ts [--steps 10] [--workers 2] [--before]
 */
import * as tf from '@tensorflow/tfjs';
import { pathToFileURL } from 'node:url';
import { initBackend } from '../../engine/backends/init';
import { compileGraph, createOptimizer } from '../../engine/compile';
import { nodeReplicas } from '../../engine/parallel/nodeReplicas';
import { ParallelStepper, SingleStepper, type StepBatch } from '../../engine/parallel/stepper';
import { setConvReluFusion } from '../../engine/kernels';
import { randomBatch } from '../../engine/train';
import { setFlatAdam } from '../../engine/train/flatAdam';
import { REFERENCE_MODELS } from './references';

async function main(argv: string[]): Promise<void> {
  const arg = (name: string, fallback: number) => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : fallback);
  const steps = arg('--steps', 10);
  const workers = arg('--workers', 2);
  await initBackend('wasm');
  if (argv.includes('--before')) {
    setConvReluFusion(false);
    setFlatAdam(false);
  }
  for (const ref of REFERENCE_MODELS) {
    const document = ref.document();
    const compiled = compileGraph(document, { seed: 1 });
    if (!compiled.ok) throw new Error('does not compile');
    const [x, y] = randomBatch(compiled, ref.batchSize, 3);
    const [h, w, c] = compiled.inputShape;
    const batch: StepBatch = { x: x.dataSync() as Float32Array, y: y.dataSync() as Float32Array, batchSize: ref.batchSize, height: h, width: w, channels: c, yChannels: y.shape[y.rank - 1] };
    tf.dispose([x, y]);
    const settings = { optimizer: 'adam', learningRate: 1e-3, momentum: 0 } as const;
    const single = new SingleStepper(compiled, createOptimizer(settings));
    for (let i = 0; i < 2; i++) await single.step(batch, false);
    const t0 = performance.now();
    for (let i = 0; i < steps; i++) await single.step(batch, false);
    const oneMs = (performance.now() - t0) / steps;
    const parallel = await ParallelStepper.start(compiled, createOptimizer(settings), {
      document,
      settings: { ...settings, segmentationLoss: document.training.segmentationLoss, diceMode: document.training.diceMode, seed: 1 },
      workers,
      factory: nodeReplicas,
    });
    try {
      for (let i = 0; i < 2; i++) await parallel.step(batch, false);
      // Count only the timed steps: every phase back to 0 (whatever phases the stepper keeps).
      for (const key of Object.keys(parallel.timings) as (keyof typeof parallel.timings)[]) parallel.timings[key] = 0;
      const t1 = performance.now();
      for (let i = 0; i < steps; i++) await parallel.step(batch, false);
      const manyMs = (performance.now() - t1) / steps;
      const t = parallel.timings;
      const per = (v: number) => (v / t.steps).toFixed(1);
      console.log(
        `${ref.name} batch ${ref.batchSize}: 1 worker ${oneMs.toFixed(1)} ms/step; ${workers} workers ${manyMs.toFixed(1)} ms/step (scaling ${(oneMs / manyMs).toFixed(2)}): ` +
          `post ${per(t.post)}, own shard ${per(t.shard)} (slowest helper's ${per(t.helperShard)}), meanwhile ${per(t.meanwhile)}, wait for helpers ${per(t.wait)} (${t.slotWaits} of ${t.steps} on the slots' counter), update ${per(t.apply)} ms`,
      );
    } finally {
      parallel.dispose();
      compiled.model.dispose();
    }
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
