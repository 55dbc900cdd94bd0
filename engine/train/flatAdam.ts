/**
 * Adam's update as one plain loop per variable, bit for bit tfjs' AdamOptimizer, for the wasm and cpu
 * backends.
 *
 * tfjs' Adam runs about fourteen small ops per variable (plus a scalar tensor for every constant), so on
 * wasm a step of the reference CNN spent 3 to 5 ms in dispatch for 24 000 weights, a fixed cost that does
 * not shrink when data-parallel replicas each take half a batch. Here the weights and gradient are read
 * once, updated in a loop and written back once. Every arithmetic operation is rounded to float32
 * (Math.fround) in tfjs' order, and +, -, x, / and sqrt of float32 values rounded from double equal the
 * float32 operation, so the weights are the ones tfjs' Adam would give, bit for bit (tested).
 *
 * On wasm the arithmetic runs in f32x4 lanes (engine/kernels/simd/adamKernel.ts): the same operations in the
 * same order, each rounded to float32 as the instruction rounds it, so the same bits again.
 *
 * The moments live here, per optimiser (a WeakMap), not in the optimiser's own slot variables: a run uses
 * one path or the other for its whole length. On wasm they stay on the heap, freed by the optimiser's
 * dispose(). The learning rate, betas and epsilon are read from the optimiser at every step (schedules
 * change the rate).
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { allocF32, allocZerosF32, heapAddress, heapF32, release, type Info } from '../kernels/wasmCall';
import { simdKernels, type SimdKernels } from '../kernels/simd/module';

const f = Math.fround;

/** The AdamOptimizer fields the update reads (public in tfjs' class, not in its typings). */
interface AdamFields {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
}

interface AdamState {
  /** beta^t of the step about to be taken, as tfjs' accBeta variables hold it (float32). */
  accBeta1: number;
  accBeta2: number;
  /** Per variable name: the moments in arrays (cpu), or on the wasm heap, m then v (SIMD kernel). */
  moments: Map<string, { m: Float32Array; v: Float32Array }>;
  heapMoments: Map<string, Info>;
}

const states = new WeakMap<tf.Optimizer, AdamState>();

let enabled = true;

/** Turns the flat update off (tfjs' own Adam) or back on: benchmarks compare both alternately. */
export function setFlatAdam(on: boolean): void {
  enabled = on;
}

/** Whether {@link applyAdam} updates for `optimizer` now: an Adam optimiser on the wasm or cpu backend. */
export function usesFlatAdam(optimizer: tf.Optimizer): boolean {
  const backend = tf.getBackend();
  // By class name: tfjs' optimisers answer instanceof for any optimiser (Symbol.hasInstance duck-typing).
  return enabled && optimizer.getClassName() === 'Adam' && (backend === 'wasm' || backend === 'cpu');
}

/**
 * A variable's gradient: flat values in its order, the gradient tensor itself (read in place on wasm), or
 * the byte address of its values on the wasm heap (wasm only: a data-parallel replica's summed slots).
 */
export type Gradient = ArrayLike<number> | tf.Tensor | { heapAddress: number };

function onHeap(g: Gradient): g is { heapAddress: number } {
  return typeof (g as { heapAddress?: unknown }).heapAddress === 'number';
}

/** The float32 constants of one step. */
interface AdamConstants {
  b1: number;
  b2: number;
  oneMinusB1: number;
  oneMinusB2: number;
  oneMinusAcc1: number;
  oneMinusAcc2: number;
  eps: number;
  negRate: number;
}

/** Adam on values k of w (m and v updated in place), every operation rounded to float32 in tfjs' order. */
function updateRange(w: ArrayLike<number>, g: ArrayLike<number>, m: Float32Array, v: Float32Array, out: Float32Array, from: number, to: number, c: AdamConstants): void {
  for (let k = from; k < to; k++) {
    const gk = g[k];
    const mk = f(f(m[k] * c.b1) + f(gk * c.oneMinusB1));
    const vk = f(f(v[k] * c.b2) + f(f(gk * gk) * c.oneMinusB2));
    m[k] = mk;
    v[k] = vk;
    const first = f(mk / c.oneMinusAcc1);
    const second = f(vk / c.oneMinusAcc2);
    out[k] = f(f(f(first / f(f(Math.sqrt(second)) + c.eps)) * c.negRate) + w[k]);
  }
}

function heapGradientOffCpu(): never {
  throw new Error('A gradient on the wasm heap needs the wasm SIMD kernels.');
}

/** The updated weights as a new tensor: the plain loop (cpu, or wasm without the SIMD module). */
function updateInLoop(variable: tf.Variable, g: ArrayLike<number>, moments: { m: Float32Array; v: Float32Array }, c: AdamConstants): tf.Tensor {
  const w = variable.dataSync() as Float32Array;
  const out = new Float32Array(w.length);
  updateRange(w, g, moments.m, moments.v, out, 0, w.length, c);
  return tf.tensor(out, variable.shape, 'float32');
}

/**
 * The updated weights as a new tensor on the wasm heap: the SIMD kernel (engine/kernels/simd/adamKernel.ts,
 * the same bits) reads the weights and the gradient in place and updates the moments where they live, on the
 * heap for the optimiser's life (copying them in and out every step cost four passes over every weight); the
 * last size % 4 values take the loop. About ten times faster than the loop on the reference models' 24,000
 * weights. Only a gradient in a JavaScript array is copied onto the heap first.
 */
function updateOnHeap(backend: BackendWasm, kernels: SimdKernels, variable: tf.Variable, g: Gradient, moments: Info, c: AdamConstants): tf.Tensor {
  const n = variable.size;
  const out = allocF32(backend, variable.shape);
  const copied = g instanceof tf.Tensor || onHeap(g) ? null : allocF32(backend, [n]);
  // Addresses and views after the last allocation (an allocation may grow the heap and detach views).
  if (copied) heapF32(backend, copied).set(g instanceof Float32Array ? g : Float32Array.from(g as ArrayLike<number>));
  const gAddr = copied ? heapAddress(backend, copied) : g instanceof tf.Tensor ? heapAddress(backend, g) : (g as { heapAddress: number }).heapAddress;
  const mAddr = heapAddress(backend, moments);
  const vAddr = mAddr + 4 * n;
  const n4 = Math.floor(n / 4);
  kernels.adam(gAddr, mAddr, vAddr, heapAddress(backend, variable), heapAddress(backend, out), n4, c.b1, c.b2, c.oneMinusB1, c.oneMinusB2, c.oneMinusAcc1, c.oneMinusAcc2, c.eps, c.negRate);
  if (n4 * 4 < n) {
    const buffer = heapF32(backend, out).buffer;
    const at = (address: number) => new Float32Array(buffer, address, n);
    updateRange(heapF32(backend, variable), at(gAddr), at(mAddr), at(vAddr), heapF32(backend, out), n4 * 4, n, c);
  }
  if (copied) release(backend, copied);
  return tf.engine().makeTensorFromTensorInfo(out);
}

/** The heap moments of every variable of `state`, freed with the optimiser (they are no engine tensors). */
function releaseWithOptimizer(optimizer: tf.Optimizer, state: AdamState): void {
  const dispose = optimizer.dispose.bind(optimizer);
  optimizer.dispose = () => {
    const backend = tf.getBackend() === 'wasm' ? (tf.backend() as BackendWasm) : null;
    if (backend) for (const info of state.heapMoments.values()) release(backend, info);
    state.heapMoments.clear();
    dispose();
  };
}

/**
 * One Adam step of `variables` with their `gradients` (see {@link Gradient}). A missing gradient leaves its
 * variable and moments as they are. (tfjs' Adam keeps moments by position in
 * the gradient map, so there a missing gradient shifts the later variables onto other moments; here they
 * are kept by variable name.)
 */
export function applyAdam(optimizer: tf.Optimizer, variables: readonly tf.Variable[], gradients: readonly (Gradient | null | undefined)[]): void {
  const o = optimizer as unknown as AdamFields;
  let state = states.get(optimizer);
  if (!state) {
    state = { accBeta1: f(o.beta1), accBeta2: f(o.beta2), moments: new Map(), heapMoments: new Map() };
    states.set(optimizer, state);
    releaseWithOptimizer(optimizer, state);
  }
  const b1 = f(o.beta1);
  const b2 = f(o.beta2);
  const oneMinusB1 = f(1 - o.beta1);
  const oneMinusB2 = f(1 - o.beta2);
  const oneMinusAcc1 = f(1 - state.accBeta1);
  const oneMinusAcc2 = f(1 - state.accBeta2);
  const eps = f(o.epsilon);
  const negRate = f(-o.learningRate);
  const constants: AdamConstants = { b1, b2, oneMinusB1, oneMinusB2, oneMinusAcc1, oneMinusAcc2, eps, negRate };
  const kernels = tf.getBackend() === 'wasm' ? simdKernels(tf.backend() as BackendWasm) : null;
  variables.forEach((variable, i) => {
    const g = gradients[i];
    if (!g) return;
    let next: tf.Tensor;
    if (kernels) {
      const backend = tf.backend() as BackendWasm;
      let moments = state.heapMoments.get(variable.name);
      if (!moments) {
        moments = allocZerosF32(backend, [2 * variable.size]);
        state.heapMoments.set(variable.name, moments);
      }
      next = updateOnHeap(backend, kernels, variable, g, moments, constants);
    } else {
      let moments = state.moments.get(variable.name);
      if (!moments) {
        moments = { m: new Float32Array(variable.size), v: new Float32Array(variable.size) };
        state.moments.set(variable.name, moments);
      }
      next = updateInLoop(variable, g instanceof tf.Tensor ? g.dataSync() : onHeap(g) ? heapGradientOffCpu() : g, moments, constants);
    }
    variable.assign(next);
    next.dispose();
  });
  state.accBeta1 = f(state.accBeta1 * b1);
  state.accBeta2 = f(state.accBeta2 * b2);
}
