/**
 * The figures of the alternating Convas-PyTorch comparison (./versus.ts) from its rounds: a pure function,
 * tested on hand-made rounds.
 */
import { median } from '../../engine/metrics/ratio';
import type { BenchFigure } from './kernels';

/** One alternating round for one model, img/s. */
export interface Round {
  /** Convas wasm in Chromium on 1 worker, and on the app's worker count. */
  one: number;
  many: number;
  /**
   * As many independent one-worker trainings as `many` has workers, run at the same time, their img/s
   * summed: what this machine gives parallel work that never waits for another (absent in older rounds).
   */
  independent?: number;
  /** PyTorch with its defaults (`torchThreads` threads), and its images per CPU-second; PyTorch on 1 thread. */
  torch: number;
  torchCpu: number;
  torchThreads: number;
  torch1: number;
}

// One median for the engine and the benchmarks (the figures' modules import it from here).
export { median };

/** Per round: the app's figure over the faster PyTorch run of the same round (never a collapsed one). */
export function pairedRatios(rounds: Round[]): number[] {
  return rounds.map((r) => r.many / Math.max(r.torch, r.torch1));
}

/** Per round with an `independent` figure: the data-parallel run over the independent ones (1 = no cost to sync). */
export function syncEfficiencies(rounds: Round[]): number[] {
  return rounds.filter((r) => r.independent! > 0).map((r) => r.many / r.independent!);
}

const round1 = (v: number) => Math.round(v * 10) / 10;
const round3 = (v: number) => Math.round(v * 1000) / 1000;

/**
 * `<model>_img_per_s_wasm_chromium_1worker`, `..._<N>workers`, `<model>_worker_scaling` (median of the
 * per-round N-over-1 ratios), `<model>_img_per_s_pytorch` (defaults), `<model>_img_per_cpu_s_pytorch`,
 * `<model>_img_per_s_pytorch_1thread`, `<model>_browser_vs_pytorch` (median of {@link pairedRatios}) and
 * `<model>_pytorch_thread_scaling` (median of PyTorch's default over its 1-thread run, per round).
 * With the rounds' `independent` runs: `<model>_independent_scaling` (median of independent over one: the
 * most any N-worker scheme could scale on this machine, at this time) and `<model>_worker_scaling_vs_independent`
 * (median of {@link syncEfficiencies}: what data-parallel training keeps of it).
 *
 * @example versusFigures('cnn', 2, [{ one: 500, many: 900, torch: 1200, torchCpu: 700, torchThreads: 2, torch1: 800 }])
 *   // ... cnn_worker_scaling 1.8, cnn_browser_vs_pytorch 0.75
 */
export function versusFigures(model: 'cnn' | 'unet', workers: number, rounds: Round[]): BenchFigure[] {
  if (!rounds.length) return [];
  const m = (pick: (r: Round) => number) => median(rounds.map(pick));
  const figures: BenchFigure[] = [
    { name: `${model}_img_per_s_wasm_chromium_1worker`, value: round1(m((r) => r.one)), unit: 'img/s' },
    { name: `${model}_img_per_s_wasm_chromium_${workers}workers`, value: round1(m((r) => r.many)), unit: 'img/s' },
    { name: `${model}_worker_scaling`, value: round3(m((r) => r.many / r.one)), unit: 'ratio' },
    { name: `${model}_img_per_s_pytorch`, value: round1(m((r) => r.torch)), unit: 'img/s' },
    { name: `${model}_img_per_cpu_s_pytorch`, value: round1(m((r) => r.torchCpu)), unit: 'img/cpu-s' },
    { name: `${model}_img_per_s_pytorch_1thread`, value: round1(m((r) => r.torch1)), unit: 'img/s' },
    { name: `${model}_browser_vs_pytorch`, value: round3(median(pairedRatios(rounds))), unit: 'ratio' },
    // What PyTorch itself gets from its default threads over one, in the same rounds: the worker scaling's peer.
    { name: `${model}_pytorch_thread_scaling`, value: round3(m((r) => r.torch / r.torch1)), unit: 'ratio' },
  ];
  const efficiencies = syncEfficiencies(rounds);
  if (!efficiencies.length) return figures;
  return [
    ...figures,
    { name: `${model}_independent_scaling`, value: round3(median(rounds.filter((r) => r.independent! > 0).map((r) => r.independent! / r.one))), unit: 'ratio' },
    { name: `${model}_worker_scaling_vs_independent`, value: round3(median(efficiencies)), unit: 'ratio' },
  ];
}
