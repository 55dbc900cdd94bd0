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
 * The moments live here, per optimiser (a WeakMap), not in the optimiser's own slot variables: a run uses
 * one path or the other for its whole length. The learning rate, betas and epsilon are read from the
 * optimiser at every step (schedules change the rate).
 */
import * as tf from '@tensorflow/tfjs';

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

/**
 * One Adam step of `variables` with their `gradients` (flat float32 values in each variable's order). A
 * missing gradient leaves its variable and moments as they are. (tfjs' Adam keeps moments by position in
 * the gradient map, so there a missing gradient shifts the later variables onto other moments; here they
 * are kept by variable name.)
 */
export function applyAdam(optimizer: tf.Optimizer, variables: readonly tf.Variable[], gradients: readonly (ArrayLike<number> | null | undefined)[]): void {
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
  variables.forEach((variable, i) => {
    const g = gradients[i];
    if (!g) return;
    let moments = state.moments.get(variable.name);
    if (!moments) {
      moments = { m: new Float32Array(variable.size), v: new Float32Array(variable.size) };
      state.moments.set(variable.name, moments);
    }
    const { m, v } = moments;
    const w = variable.dataSync() as Float32Array;
    const out = new Float32Array(w.length);
    for (let k = 0; k < w.length; k++) {
      const gk = g[k];
      const mk = f(f(m[k] * b1) + f(gk * oneMinusB1));
      const vk = f(f(v[k] * b2) + f(f(gk * gk) * oneMinusB2));
      m[k] = mk;
      v[k] = vk;
      const first = f(mk / oneMinusAcc1);
      const second = f(vk / oneMinusAcc2);
      out[k] = f(f(f(first / f(f(Math.sqrt(second)) + eps)) * negRate) + w[k]);
    }
    const next = tf.tensor(out, variable.shape, 'float32');
    variable.assign(next);
    next.dispose();
  });
  state.accBeta1 = f(state.accBeta1 * b1);
  state.accBeta2 = f(state.accBeta2 * b2);
}
