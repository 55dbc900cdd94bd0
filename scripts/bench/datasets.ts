/**
 * Benchmark: generating the bundled datasets and making training batches (issue 5 asks for 2,000 images
 * at 64x64 in a few seconds). `npx tsx scripts/bench/datasets.ts` runs it alone; `benchDatasets()` is what
 * `npm run bench` calls.
 */
import { pathToFileURL } from 'node:url';
import { makeBatch } from '../../engine/datasets/batches';
import { generateDataset } from '../../engine/datasets/generate';
import { createRng } from '../../engine/datasets/rng';

/** Seconds for one call, after a small warm-up run so the JIT has compiled the renderers. */
function seconds(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return (performance.now() - t0) / 1000;
}

/** Generation time for 2,000 64x64 images of each generated task, and the time for one augmented batch. */
export async function benchDatasets(): Promise<{ name: string; value: number; unit: string }[]> {
  generateDataset('skin-lesions', { count: 50, seed: 99 });
  generateDataset('brain-mri-classify', { count: 50, seed: 99 });
  const skinS = seconds(() => generateDataset('skin-lesions', { count: 2000, size: 64, seed: 1 }));
  const mriS = seconds(() => generateDataset('brain-mri-segment', { count: 2000, size: 64, seed: 1 }));
  const ds = generateDataset('skin-lesions', { count: 256, size: 64, seed: 2 });
  const rng = createRng(3);
  const indices = Array.from({ length: 32 }, (_, i) => i);
  for (let i = 0; i < 5; i++) makeBatch(ds, indices, { augment: true, rng });
  const times: number[] = [];
  for (let i = 0; i < 20; i++) times.push(seconds(() => makeBatch(ds, indices, { augment: true, rng })) * 1000);
  times.sort((a, b) => a - b);
  return [
    { name: 'generate_2000_skin_64_s', value: Number(skinS.toFixed(3)), unit: 's' },
    { name: 'generate_2000_mri_64_s', value: Number(mriS.toFixed(3)), unit: 's' },
    { name: 'make_batch_32_skin_64_augmented_ms', value: Number(times[10].toFixed(3)), unit: 'ms' },
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchDatasets().then((results) => {
    for (const r of results) console.log(`${r.name}: ${r.value} ${r.unit}`);
  });
}
