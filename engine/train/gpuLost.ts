/**
 * Whether an error thrown mid-run means the GPU under the webgpu or webgl backend went away: a driver reset,
 * the browser's GPU process restarting, a laptop waking from sleep, or the browser reclaiming the GPU for
 * another tab. Training cannot go on on that device, and it is not a bug in the graph or in Convas, so the
 * run ends with its own message (code 'gpu-lost') and the UI offers the CPU backend instead.
 *
 * Matched on the messages browsers and tfjs give, since neither throws a typed error:
 * - WebGPU (Dawn) once its device is gone: "[Device] is lost", "Device was lost";
 * - tfjs' WebGL backend: "WebGL Error: CONTEXT_LOST_WEBGL ...", "WebGL context lost".
 * Not Chromium 156's "A valid external Instance reference no longer exists": here it came from a synchronous
 * read on webgpu, a bug of ours (engine/train/throughput.ts), which must keep reading as one ('internal').
 */
const GPU_LOST = [
  /\bdevice\]? (is|was) lost\b/i,
  /\bdevice lost\b/i,
  /CONTEXT_LOST_WEBGL/,
  /\bwebgl context (was |is )?lost\b/i,
];

/** Whether `error` (an Error or anything thrown) says the GPU device or context is gone. */
export function isGpuLost(error: unknown): boolean {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return GPU_LOST.some((pattern) => pattern.test(message));
}

/** The hint shown with a lost GPU: what happened and what to do, in the words of the Settings panel. */
export const GPU_LOST_HINT =
  'The GPU was reset under the browser (a driver update, sleep, or another program taking it). Train again, or choose wasm under Settings > Backend: it runs on the CPU.';
