/**
 * Probes for what this machine offers each tfjs backend. Browser and worker only: every probe guards
 * its API (navigator.gpu, OffscreenCanvas/document, WebAssembly) and reports "unavailable" elsewhere,
 * so importing this module in Node is safe.
 */
import type { BackendProbes, ProbeResult } from './choose';

/** Renderer or adapter strings of software rasterisers (Chromium's SwiftShader, Mesa's llvmpipe...). */
const SOFTWARE = /swiftshader|llvmpipe|softpipe|software|basic render|microsoft basic/i;

/** True when a renderer or adapter description names a software implementation. */
export function isSoftwareRenderer(description: string): boolean {
  return SOFTWARE.test(description);
}

// Minimal shapes of the WebGPU API used here (TypeScript's DOM lib may lack them).
interface GpuAdapterInfoLike {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  isFallbackAdapter?: boolean;
}
interface GpuAdapterLike {
  info?: GpuAdapterInfoLike;
  isFallbackAdapter?: boolean;
  requestAdapterInfo?: () => Promise<GpuAdapterInfoLike>;
}
interface GpuLike {
  requestAdapter(options?: { powerPreference?: string }): Promise<GpuAdapterLike | null>;
}

/** WebGPU: available with an adapter; software when it is a fallback adapter or SwiftShader. */
export async function probeWebGpu(): Promise<ProbeResult> {
  const gpu = (globalThis.navigator as unknown as { gpu?: GpuLike } | undefined)?.gpu;
  if (!gpu) return { available: false, detail: 'no navigator.gpu' };
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) return { available: false, detail: 'no adapter' };
  // Chrome 114+ has adapter.info (isFallbackAdapter on it since 131); older ones requestAdapterInfo().
  const info = adapter.info ?? (adapter.requestAdapterInfo ? await adapter.requestAdapterInfo() : {});
  const text = [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' ');
  const fallback = info.isFallbackAdapter === true || adapter.isFallbackAdapter === true;
  return { available: true, software: fallback || isSoftwareRenderer(text), detail: (fallback ? 'fallback adapter ' : '') + (text || 'adapter') };
}

/** WebGL: available with a webgl2 or webgl context; software when the unmasked renderer says so. */
export async function probeWebGl(): Promise<ProbeResult> {
  let canvas: OffscreenCanvas | HTMLCanvasElement | undefined;
  if (typeof OffscreenCanvas !== 'undefined') canvas = new OffscreenCanvas(1, 1);
  else if (typeof document !== 'undefined') canvas = document.createElement('canvas');
  if (!canvas) return { available: false, detail: 'no canvas' };
  const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | WebGL2RenderingContext | null;
  if (!gl) return { available: false, detail: 'no WebGL context' };
  const ext = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  // Without the extension the renderer is masked: it cannot be told apart, so it counts as hardware.
  return { available: true, software: isSoftwareRenderer(renderer), detail: renderer || 'renderer unknown' };
}

/** wasm: available when WebAssembly is; the detail says whether SIMD is. */
export async function probeWasm(): Promise<ProbeResult> {
  if (typeof WebAssembly !== 'object') return { available: false, detail: 'no WebAssembly' };
  let simd = false;
  try {
    // A module using one SIMD instruction (wasm-feature-detect's test, as tfjs-backend-wasm uses).
    simd = WebAssembly.validate(
      new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 9, 1, 7, 0, 65, 0, 253, 15, 26, 11]),
    );
  } catch {
    simd = false;
  }
  return { available: true, detail: simd ? 'WebAssembly with SIMD (XNNPACK)' : 'WebAssembly without SIMD' };
}

/** The plain JavaScript backend works everywhere. */
export async function probeCpu(): Promise<ProbeResult> {
  return { available: true, detail: 'plain JavaScript' };
}

/** The real probes, for {@link chooseBackend} in a browser or worker. */
export const browserProbes: BackendProbes = { webgpu: probeWebGpu, webgl: probeWebGl, wasm: probeWasm, cpu: probeCpu };
