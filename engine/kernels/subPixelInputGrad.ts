/**
 * Conv2DBackpropInput at stride s > 1 without inserting zeros into dy (which makes the convolution
 * s^2 times larger than needed): the input gradient splits into s x s phases, and phase (ph, pw), the
 * pixels dx[s i + ph, s j + pw], is a stride-1 correlation of dy with the filter taps that reach it.
 * Along one axis, with r = (ph + pad) mod s, those taps are k_m = r + s m, and
 *   dx[s i + ph] = sum_m dy[i + c0 - m] W[k_m],   c0 = (ph + pad - r) / s.
 * Each phase runs on XNNPACK's Conv2D with its reversed sub-filter; the SIMD module's copyRows then
 * interleaves the phases into dx. Conv2DTranspose's forward pass at stride 2 takes this path too.
 */
import type * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { SimdKernels } from './simd/module';
import { allocF32, callWasm, conv2dWasm, heapAddress, heapF32, release, type Info } from './wasmCall';

/** One phase along one axis: its taps (sub-filter order), output length and the correlation's padding. */
export interface Phase {
  /** Filter taps in sub-filter order (descending k). Empty: no tap reaches this phase, its gradient is 0. */
  taps: number[];
  /** Pixels of dx in this phase: ceil((n - ph) / s). */
  length: number;
  before: number;
  after: number;
  /** Leading rows of the correlation's output to drop (when `before` would be negative). */
  crop: number;
}

/**
 * Geometry of phase `ph` along an axis of input length n, kernel k, stride s, padding `pad` before,
 * forward output length `out` (dilation 1).
 */
export function phaseGeometry(n: number, k: number, s: number, pad: number, out: number, ph: number): Phase {
  const r = (((ph + pad) % s) + s) % s;
  const ascending: number[] = [];
  for (let t = r; t < k; t += s) ascending.push(t);
  const m = ascending.length;
  const length = Math.max(0, Math.ceil((n - ph) / s));
  if (m === 0) return { taps: [], length, before: 0, after: 0, crop: 0 };
  const c0 = (ph + pad - r) / s;
  const before = m - 1 - c0;
  const after = length - out + m - 1 - before;
  return { taps: ascending.reverse(), length, before: Math.max(0, before), after: Math.max(0, after), crop: Math.max(0, -before) };
}

/** Sub-filter [Mh, Mw, Cout, Cin] with sub[a][b][co][ci] = W[rowTaps[a], colTaps[b], ci, co]. */
function subFilter(backend: BackendWasm, filter: Info, rowTaps: number[], colTaps: number[]): Info {
  const [, kw, cin, cout] = filter.shape;
  const out = allocF32(backend, [rowTaps.length, colTaps.length, cout, cin]);
  const src = heapF32(backend, filter);
  const dst = heapF32(backend, out);
  let o = 0;
  for (const i of rowTaps) {
    for (const j of colTaps) {
      const base = (i * kw + j) * cin * cout;
      for (let co = 0; co < cout; co++) {
        for (let ci = 0; ci < cin; ci++) dst[o++] = src[base + ci * cout + co];
      }
    }
  }
  return out;
}

/** dx for stride > 1, dilation 1, NHWC: see the file comment. */
export function subPixelInputGrad(
  backend: BackendWasm,
  simd: SimdKernels,
  dy: Info,
  filter: Info,
  info: tf.backend_util.Conv2DInfo,
): Info {
  const { batchSize: b, inHeight: h, inWidth: w, inChannels: cin, strideHeight: sh, strideWidth: sw } = info;
  const dx = allocF32(backend, [b, h, w, cin]);
  const rowPhases = Array.from({ length: sh }, (_, ph) => phaseGeometry(h, info.filterHeight, sh, info.padInfo.top, info.outHeight, ph));
  const colPhases = Array.from({ length: sw }, (_, pw) => phaseGeometry(w, info.filterWidth, sw, info.padInfo.left, info.outWidth, pw));
  if (rowPhases.some((p) => p.taps.length === 0) || colPhases.some((p) => p.taps.length === 0)) heapF32(backend, dx).fill(0);
  const dxAddr = heapAddress(backend, dx);
  rowPhases.forEach((rows, ph) => {
    colPhases.forEach((cols, pw) => {
      if (rows.taps.length === 0 || cols.taps.length === 0 || rows.length === 0 || cols.length === 0) return;
      const sub = subFilter(backend, filter, rows.taps, cols.taps);
      let phase = conv2dWasm(backend, dy, sub, [1, 1], [1, 1], { top: rows.before, bottom: rows.after, left: cols.before, right: cols.after });
      release(backend, sub);
      if (phase.shape[1] !== rows.length || phase.shape[2] !== cols.length) {
        const cropped = callWasm(backend, 'Slice', { x: phase }, { begin: [0, rows.crop, cols.crop, 0], size: [b, rows.length, cols.length, cin] });
        release(backend, phase);
        phase = cropped;
      }
      const src = heapAddress(backend, phase);
      for (let n = 0; n < b; n++) {
        for (let i = 0; i < rows.length; i++) {
          simd.copyRows(
            dxAddr + ((n * h + sh * i + ph) * w + pw) * cin * 4,
            src + (n * rows.length + i) * cols.length * cin * 4,
            cols.length,
            cin * 4,
            sw * cin * 4,
            cin * 4,
          );
        }
      }
      release(backend, phase);
    });
  });
  return dx;
}
