/**
 * Which tfjs backend to train on, decided from probe results by a pure function (testable in Node);
 * the probes themselves live in probe.ts.
 */
import type { BackendName } from '../../graph/types';

/** Auto order: fastest first when the hardware is real. */
export const AUTO_ORDER: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

/** What probing one backend found. */
export interface ProbeResult {
  /** The backend can be created here (an adapter, a context, WebAssembly...). */
  available: boolean;
  /** It runs on a software renderer (SwiftShader, llvmpipe, a fallback adapter): slower than wasm. */
  software?: boolean;
  /** Human-readable detail: the renderer or adapter, or why it is unavailable. */
  detail: string;
}

/** One backend considered, in the order considered. */
export interface TriedBackend {
  name: BackendName;
  ok: boolean;
  reason: string;
}

/** The decision: the backend to use, why, and everything considered before it. */
export interface BackendChoice {
  name: BackendName;
  reason: string;
  tried: TriedBackend[];
}

/** Probes by backend name; each resolves (never rejects) with what it found. */
export type BackendProbes = Record<BackendName, () => Promise<ProbeResult>>;

/** Whether `result` makes `name` acceptable: auto skips software renderers, an explicit choice does not. */
function judge(name: BackendName, result: ProbeResult, explicit: boolean): TriedBackend {
  if (!result.available) return { name, ok: false, reason: `${name} unavailable: ${result.detail}` };
  if (result.software && !explicit) {
    return { name, ok: false, reason: `${name} runs on a software renderer (${result.detail}), slower than wasm` };
  }
  const how = result.software ? `software renderer (${result.detail}), as requested` : result.detail;
  return { name, ok: true, reason: `${name}: ${how}` };
}

/** The order in which backends are considered: the preferred one first, then the auto order. */
export function candidateOrder(preference: 'auto' | BackendName): BackendName[] {
  if (preference === 'auto') return [...AUTO_ORDER];
  return [preference, ...AUTO_ORDER.filter((n) => n !== preference)];
}

/**
 * Pure decision over probe results (missing entries count as not probed and are skipped).
 * 'auto' takes WebGPU on a real adapter, then WebGL on a hardware renderer, then wasm, then cpu;
 * an explicit preference is honoured when available (even on a software renderer) and otherwise
 * falls back in the auto order. cpu is always the last resort, even if its probe was not given.
 *
 * @example decideBackend('auto', { webgpu: {available: false, detail: 'no adapter'}, webgl: {available: true,
 *   software: true, detail: 'SwiftShader'}, wasm: {available: true, detail: 'SIMD'} }).name === 'wasm'
 */
export function decideBackend(
  preference: 'auto' | BackendName,
  results: Partial<Record<BackendName, ProbeResult>>,
): BackendChoice {
  const tried: TriedBackend[] = [];
  for (const name of candidateOrder(preference)) {
    const result = results[name];
    if (result === undefined) continue;
    const verdict = judge(name, result, name === preference);
    tried.push(verdict);
    if (verdict.ok) return { name, reason: reasonFor(preference, verdict, tried), tried };
  }
  const fallback: TriedBackend = { name: 'cpu', ok: true, reason: 'cpu: nothing faster is available' };
  tried.push(fallback);
  return { name: 'cpu', reason: reasonFor(preference, fallback, tried), tried };
}

function reasonFor(preference: 'auto' | BackendName, chosen: TriedBackend, tried: TriedBackend[]): string {
  const skipped = tried.filter((t) => !t.ok).map((t) => t.reason);
  const head = preference === 'auto' || preference === chosen.name ? chosen.reason : `${preference} was requested; using ${chosen.reason}`;
  return skipped.length > 0 ? `${head} (${skipped.join('; ')})` : head;
}

/**
 * Probes backends lazily in candidate order (stopping at the first acceptable one) and decides.
 * Pass `probes` from probe.ts in the browser or worker, or fakes in tests.
 */
export async function chooseBackend(preference: 'auto' | BackendName, probes: BackendProbes): Promise<BackendChoice> {
  const results: Partial<Record<BackendName, ProbeResult>> = {};
  for (const name of candidateOrder(preference)) {
    results[name] = await probes[name]().catch((e: unknown) => ({ available: false, detail: String(e) }));
    if (judge(name, results[name], name === preference).ok) break;
  }
  return decideBackend(preference, results);
}
