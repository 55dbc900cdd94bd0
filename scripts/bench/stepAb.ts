/**
 * Before/after of a change to the training step, measured the honest way on a shared machine: the two
 * variants alternate A B A B in one process on the same compiled reference model and batch, each round
 * timing a few steps in process CPU time (what a free core would take) and wall time; medians of the
 * per-round figures and of the per-round B/A ratios are printed.
 *
 *   npx tsx scripts/bench/stepAb.ts --variant fusion [--rounds 8] [--steps 3] [--batch full|half]
 *
 * Variants: `fusion` (A: tfjs' unfused Conv2D, Add, Relu; B: engine/kernels' fused ReLU convolution),
 * `adam` (A: tfjs' Adam; B: engine/train/flatAdam.ts), `both` (A: neither change; B: both), `fma`
 * (filter-gradient kernels without and with relaxed_madd; needs relaxed SIMD, see engine/kernels/simd/module.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { pathToFileURL } from 'node:url';
import { initBackend } from '../../engine/backends/init';
import { compileGraph, createOptimizer } from '../../engine/compile';
import { setConvReluFusion } from '../../engine/kernels';
import { relaxedSimdSupported, setFilterGradFma } from '../../engine/kernels/simd/module';
import { randomBatch, trainableVariables, trainStep } from '../../engine/train';
import { median } from '../../engine/metrics/ratio';
import { setFlatAdam } from '../../engine/train/flatAdam';
import { REFERENCE_MODELS } from './references';

interface Variant {
  /** Switches the process to variant A (false) or B (true). */
  set(b: boolean): void;
  describe: string;
}

const VARIANTS: Record<string, Variant> = {
  fusion: { set: (b) => setConvReluFusion(b), describe: 'A unfused Conv2D+Add+Relu, B fused ReLU convolution' },
  fma: {
    set: (b) => setFilterGradFma(b),
    describe: 'A filter-gradient kernels with f32x4 mul + add, B with relaxed_madd (relaxed SIMD: Chromium; Node with --experimental-wasm-relaxed-simd)',
  },
  adam: { set: (b) => setFlatAdam(b), describe: "A tfjs' Adam (about 14 ops per variable), B the flat Adam loop" },
  both: {
    set: (b) => {
      setConvReluFusion(b);
      setFlatAdam(b);
    },
    describe: 'A as before this work (unfused ReLU convolutions, tfjs Adam), B both changes',
  },
};


async function main(argv: string[]): Promise<void> {
  const arg = (name: string, fallback: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
  const variant = VARIANTS[arg('--variant', 'fusion')];
  if (!variant) throw new Error(`unknown variant; one of ${Object.keys(VARIANTS).join(', ')}`);
  const rounds = Number(arg('--rounds', '8'));
  const steps = Number(arg('--steps', '3'));
  const half = arg('--batch', 'full') === 'half';
  await initBackend('wasm');
  if (arg('--variant', 'fusion') === 'fma' && !relaxedSimdSupported()) throw new Error('no relaxed SIMD here: run node --experimental-wasm-relaxed-simd --import tsx ...');
  console.log(`${arg('--variant', 'fusion')}: ${variant.describe}; ${rounds} rounds of ${steps} steps each, alternating`);
  for (const ref of REFERENCE_MODELS) {
    const batchSize = half ? ref.batchSize / 2 : ref.batchSize;
    const compiled = compileGraph(ref.document(), { seed: 1 });
    if (!compiled.ok) throw new Error('does not compile');
    const [x, y] = randomBatch(compiled, batchSize, 3);
    const optimizer = createOptimizer({ optimizer: 'adam', learningRate: 1e-3, momentum: 0 });
    const vars = trainableVariables(compiled.model);
    const run = async (b: boolean) => {
      variant.set(b);
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      for (let i = 0; i < steps; i++) {
        const { loss } = trainStep(compiled, optimizer, x, y, { vars });
        await loss.data();
        loss.dispose();
      }
      const c = process.cpuUsage(c0);
      return { cpu: (c.user + c.system) / 1000 / steps, wall: (performance.now() - t0) / steps };
    };
    await run(false);
    await run(true);
    const a: { cpu: number; wall: number }[] = [];
    const b: { cpu: number; wall: number }[] = [];
    for (let r = 0; r < rounds; r++) {
      if (r % 2 === 0) {
        a.push(await run(false));
        b.push(await run(true));
      } else {
        b.push(await run(true));
        a.push(await run(false));
      }
    }
    const imgs = (ms: number) => ((batchSize * 1000) / ms).toFixed(1);
    const cpuA = median(a.map((t) => t.cpu));
    const cpuB = median(b.map((t) => t.cpu));
    const wallA = median(a.map((t) => t.wall));
    const wallB = median(b.map((t) => t.wall));
    const ratio = median(a.map((t, i) => t.cpu / b[i].cpu));
    console.log(
      `${ref.name} batch ${batchSize}: A ${cpuA.toFixed(1)} ms CPU/step (${imgs(cpuA)} img/cpu-s), B ${cpuB.toFixed(1)} (${imgs(cpuB)}); ` +
        `median per-round speed-up B/A ${ratio.toFixed(3)} (CPU); wall A ${wallA.toFixed(1)} ms, B ${wallB.toFixed(1)} ms`,
    );
    variant.set(true);
    tf.dispose([x, y]);
    optimizer.dispose();
    compiled.model.dispose();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
