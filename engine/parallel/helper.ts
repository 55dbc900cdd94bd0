/**
 * A helper replica's message handler, free of worker globals (the browser worker and the Node worker
 * thread wire it to their own `postMessage`). It starts its backend, compiles the coordinator's document,
 * takes the coordinator's weights, then computes one shard per `step` message.
 */
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../backends/init';
import { compileGraph, createOptimizer } from '../compile';
import { setOptimizerLearningRate } from '../train/schedule';
import { bankCounters, bankRound, bankView, flattenWeights, markWritten, slotLayout, waitForBank } from './layout';
import type { FromReplica, InitMessage, ToReplica } from './messages';
import { ReplicaCore } from './replicaCore';

/** Sets every weight of `model` from `flat` (model.weights order, as flattenWeights writes it). */
function loadWeights(model: tf.LayersModel, flat: Float32Array): void {
  let offset = 0;
  const tensors = model.weights.map((w) => {
    const size = w.shape.reduce<number>((a, b) => a * (b ?? 1), 1);
    const t = tf.tensor(flat.subarray(offset, offset + size), w.shape as number[], 'float32');
    offset += size;
    return t;
  });
  if (offset !== flat.length) throw new Error(`The coordinator sent ${flat.length} weights; this replica's model has ${offset}.`);
  model.setWeights(tensors);
  tf.dispose(tensors);
}

/**
 * Returns the helper's handler. Any failure is answered with `failed` (the coordinator then ends the run
 * with that message); messages after a failure are ignored.
 */
export function createHelper(post: (message: FromReplica, transfer?: Transferable[]) => void): (message: ToReplica) => Promise<void> {
  let state: { core: ReplicaCore; init: InitMessage; size: number; model: tf.LayersModel; optimizer: tf.Optimizer } | null = null;
  let failed = false;

  async function init(message: InitMessage): Promise<void> {
    await initBackend(message.backend);
    const { settings } = message;
    const compiled = compileGraph(message.document, { info: message.info, segmentationLoss: settings.segmentationLoss, diceMode: settings.diceMode, seed: settings.seed });
    if (!compiled.ok) throw new Error(compiled.issues.map((i) => i.message).join('\n'));
    loadWeights(compiled.model, message.weights);
    const layout = slotLayout(compiled.model);
    const classWeights = message.classWeights ? tf.tensor1d(message.classWeights) : undefined;
    const optimizer = createOptimizer(settings);
    const core = new ReplicaCore(compiled, optimizer, layout, message.workers, classWeights);
    state = { core, init: message, size: layout.size, model: compiled.model, optimizer };
    post({ type: 'ready' });
  }


  return async (message: ToReplica) => {
    if (failed) return;
    try {
      if (message.type === 'init') return await init(message);
      if (!state) throw new Error('A helper replica got a step before its init.');
      if (message.type === 'weights') {
        const weights = flattenWeights(state.model);
        return post({ type: 'weights', weights }, [weights.buffer]);
      }
      if (message.learningRate !== undefined) setOptimizerLearningRate(state.optimizer, message.learningRate);
      const { shared, workers } = state.init;
      const bank = bankView(shared, message.bank, workers, state.size);
      const counters = bankCounters(shared, workers, state.size);
      const slot = bank.subarray(state.init.slot * state.size, (state.init.slot + 1) * state.size);
      const started = performance.now();
      const result = state.core.computeShard(message.x, message.y, message.n, message.scale, slot, message.keepPredictions);
      markWritten(counters, message.bank);
      const shardMs = performance.now() - started;
      post({ type: 'grads', step: message.step, loss: result.loss, predictions: result.predictions, shardMs }, result.predictions ? [result.predictions.buffer] : []);
      // Apply the update as soon as every slot is in, in parallel with the coordinator's own.
      waitForBank(counters, message.bank, workers, bankRound(message.step));
      state.core.reduceAndApply(bank);
    } catch (error) {
      failed = true;
      post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };
}
