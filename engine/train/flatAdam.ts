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
 * one path or the other for its whole length. The learning rate, betas and epsilon are read from the
 * optimiser at every step (schedules change the rate).
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { allocF32, heapAddress, heapF32, release } from '../kernels/wasmCall';
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
  moments: Map<string, { m: Float32Array; v: Float32Array }>;
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

/** A variable's gradient: flat values in its order, or the gradient tensor itself (read in place on wasm). */
export type Gradient = ArrayLike<number> | tf.Tensor;

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

/** The updated weights as a new tensor: the plain loop (cpu, or wasm without the SIMD module). */
function updateInLoop(variable: tf.Variable, g: ArrayLike<number>, moments: { m: Float32Array; v: Float32Array }, c: AdamConstants): tf.Tensor {
  const w = variable.dataSync() as Float32Array;
  const out = new Float32Array(w.length);
  updateRange(w, g, moments.m, moments.v, out, 0, w.length, c);
  return tf.tensor(out, variable.shape, 'float32');
}

/**
 * The updated weights as a new tensor on the wasm heap: the SIMD kernel (engine/kernels/simd/adamKernel.ts,
 * the same bits) reads the weights in place and the gradient and moments from one scratch buffer; the last
 * size % 4 values take the loop. About ten times faster than the loop on the reference models' 24 000 weights.
 */
function updateOnHeap(backend: BackendWasm, kernels: SimdKernels, variable: tf.Variable, g: Gradient, moments: { m: Float32Array; v: Float32Array }, c: AdamConstants): tf.Tensor {
  const n = variable.size;
  const { m, v } = moments;
  const scratch = allocF32(backend, [3 * n]);
  const out = allocF32(backend, variable.shape);
  const heap = heapF32(backend, scratch);
  // A gradient tensor is copied within the heap (addresses taken after the allocations above, which may have
  // moved the heap); reading it out first would be a copy and a new array every step.
  if (g instanceof tf.Tensor) heap.set(heapF32(backend, g), 0);
  else heap.set(g instanceof Float32Array ? g : Float32Array.from(g), 0);
  heap.set(m, n);
  heap.set(v, 2 * n);
  const base = heapAddress(backend, scratch);
  const wAddr = heapAddress(backend, variable);
  const outAddr = heapAddress(backend, out);
  const n4 = Math.floor(n / 4);
  kernels.adam(base, base + 4 * n, base + 8 * n, wAddr, outAddr, n4, c.b1, c.b2, c.oneMinusB1, c.oneMinusB2, c.oneMinusAcc1, c.oneMinusAcc2, c.eps, c.negRate);
  m.set(heap.subarray(n, 2 * n));
  v.set(heap.subarray(2 * n, 3 * n));
  if (n4 * 4 < n) {
    updateRange(heapF32(backend, variable), heap.subarray(0, n), m, v, heapF32(backend, out), n4 * 4, n, c);
  }
  release(backend, scratch);
  return tf.engine().makeTensorFromTensorInfo(out);
}

/**
 * One Adam step of `variables` with their `gradients` (flat float32 values in each variable's order, or the
 * gradient tensors). A
 * missing gradient leaves its variable and moments as they are. (tfjs' Adam keeps moments by position in
 * the gradient map, so there a missing gradient shifts the later variables onto other moments; here they
 * are kept by variable name.)
 */
export function applyAdam(optimizer: tf.Optimizer, variables: readonly tf.Variable[], gradients: readonly (Gradient | null | undefined)[]): void {
  const o = optimizer as unknown as AdamFields;
  let state = states.get(optimizer);
  if (!state) {
    state = { accBeta1: f(o.beta1), accBeta2: f(o.beta2), moments: new Map() };
    states.set(optimizer, state);
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
    let moments = state.moments.get(variable.name);
    if (!moments) {
      moments = { m: new Float32Array(variable.size), v: new Float32Array(variable.size) };
      state.moments.set(variable.name, moments);
    }
    const next = kernels
      ? updateOnHeap(tf.backend() as BackendWasm, kernels, variable, g, moments, constants)
      : updateInLoop(variable, g instanceof tf.Tensor ? g.dataSync() : g, moments, constants);
    variable.assign(next);
    next.dispose();
  });
  state.accBeta1 = f(state.accBeta1 * b1);
  state.accBeta2 = f(state.accBeta2 * b2);
}
