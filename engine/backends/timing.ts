/**
 * "Auto" by measurement: which backends are worth timing, and which one wins, as pure functions over probe
 * results and measured training throughput (the timing itself lives in ./measure.ts). A hardware GPU is not
 * taken on trust: a weak integrated GPU can train a small CNN slower than wasm on several cores.
 */
import type { BackendName } from '../../graph/types';
import { AUTO_ORDER, decideBackend, type BackendChoice, type ProbeResult, type TriedBackend } from './choose';

/** One backend's measured training throughput on the user's graph (null when it failed to run). */
export interface BackendTiming {
  name: BackendName;
  /** Images per second, over a few real training steps; for wasm, on all its training workers. */
  imagesPerSecond: number | null;
  /** How it was measured ("3 steps, 2 workers") or why it failed. */
  detail: string;
}

/**
 * The backends 'auto' should time: every hardware GPU backend the probes accept, and wasm, when there is
 * more than one (with a single candidate there is nothing to compare). Software renderers are left out
 * (seconds per step, never faster than wasm), and cpu whenever wasm runs (the same cores without SIMD).
 */
export function backendsToTime(results: Partial<Record<BackendName, ProbeResult>>): BackendName[] {
  const ok = (name: BackendName) => results[name]?.available === true && results[name]?.software !== true;
  const gpus = (['webgpu', 'webgl'] as const).filter(ok);
  if (gpus.length === 0 || !ok('wasm')) return [];
  return [...gpus, 'wasm'];
}

const fmt = (t: BackendTiming) => (t.imagesPerSecond === null ? `${t.name} failed (${t.detail})` : `${t.name} ${t.imagesPerSecond.toFixed(0)} img/s`);

/**
 * The backend to train on. An explicit preference is the probes' decision (decideBackend: honoured when
 * available). 'auto' with timings takes the fastest measured backend (ties: the auto order), its reason
 * listing every figure; without any successful timing it falls back to decideBackend's ranking.
 *
 * @example decideByTiming('auto', probes, [{ name: 'webgl', imagesPerSecond: 210, detail: '' },
 *   { name: 'wasm', imagesPerSecond: 480, detail: '' }]).name === 'wasm'
 */
export function decideByTiming(
  preference: 'auto' | BackendName,
  results: Partial<Record<BackendName, ProbeResult>>,
  timings: readonly BackendTiming[],
): BackendChoice {
  const ranked = decideBackend(preference, results);
  if (preference !== 'auto') return ranked;
  const measured = timings.filter((t): t is BackendTiming & { imagesPerSecond: number } => t.imagesPerSecond !== null && t.imagesPerSecond > 0);
  if (measured.length === 0) return ranked;
  const best = measured.reduce((a, b) =>
    b.imagesPerSecond > a.imagesPerSecond || (b.imagesPerSecond === a.imagesPerSecond && AUTO_ORDER.indexOf(b.name) < AUTO_ORDER.indexOf(a.name)) ? b : a,
  );
  const tried: TriedBackend[] = timings.map((t) => ({ name: t.name, ok: t === best, reason: fmt(t) }));
  const others = timings.filter((t) => t !== best).map(fmt);
  const reason = `fastest on this graph: ${fmt(best)}${others.length ? ` (measured: ${others.join(', ')})` : ''}`;
  return { name: best.name, reason, tried };
}

/**
 * The key timings are cached under: the device (what each probe reported, and the cores) and the graph's
 * size (multiply-adds per image, which grow with the input, parameters, batch size). Another graph of the
 * same size reuses the figures.
 */
export function timingKey(results: Partial<Record<BackendName, ProbeResult>>, cores: number, graph: { macs: number; params: number; batchSize: number }): string {
  const device = AUTO_ORDER.map((n) => `${n}:${results[n]?.available ? results[n]?.detail : '-'}`).join('|');
  return `${device}|cores:${cores}|macs:${graph.macs}|params:${graph.params}|batch:${graph.batchSize}`;
}
