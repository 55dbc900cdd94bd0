/**
 * A helper replica's message handler, free of worker globals (the browser worker and the Node worker
 * thread wire it to their own `postMessage`). It starts its backend, compiles the coordinator's document,
 * takes the coordinator's weights, then computes every step's shard the coordinator publishes in its
 * shared inbox (./inbox.ts), in order; a `step` message wakes it when it is idle.
 */
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../backends/init';
import { compileGraph, createOptimizer } from '../compile';
import { setOptimizerLearningRate } from '../train/schedule';
import { bankCounters, bankRound, bankView, flattenWeights, markWritten, slotLayout, waitForBank } from './layout';
import { inboxViews, postedShard, type PostedShard, type ShardInbox } from './inbox';
import type { FromReplica, InitMessage, ToReplica } from './messages';
import { ReplicaCore } from './replicaCore';
import { renderSources } from './shardSources';

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
  let state: {
    core: ReplicaCore;
    init: InitMessage;
    size: number;
    model: tf.LayersModel;
    optimizer: tf.Optimizer;
    inbox: ShardInbox | null;
    /** The last step this helper computed and applied. */
    done: number;
  } | null = null;
  let failed = false;

  async function init(message: InitMessage): Promise<void> {
    await initBackend(message.backend);
    const { settings } = message;
    const compiled = compileGraph(message.document, { info: message.info, segmentationLoss: settings.segmentationLoss, diceMode: settings.diceMode, seed: settings.seed, dropoutStream: message.slot });
    if (!compiled.ok) throw new Error(compiled.issues.map((i) => i.message).join('\n'));
    loadWeights(compiled.model, message.weights);
    const layout = slotLayout(compiled.model);
    const classWeights = message.classWeights ? tf.tensor1d(message.classWeights) : undefined;
    const optimizer = createOptimizer(settings);
    const core = new ReplicaCore(compiled, optimizer, layout, message.workers, classWeights);
    state = { core, init: message, size: layout.size, model: compiled.model, optimizer, inbox: null, done: 0 };
    post({ type: 'ready' });
  }

  /** Computes a published shard, answers, then applies the step's summed update with the other replicas. */
  function runShard(s: NonNullable<typeof state>, shard: PostedShard): void {
    if (shard.learningRate !== undefined) setOptimizerLearningRate(s.optimizer, shard.learningRate);
    const { shared, workers } = s.init;
    const bank = bankView(shared, shard.bank, workers, s.size);
    const counters = bankCounters(shared, workers, s.size);
    const slot = bank.subarray(s.init.slot * s.size, (s.init.slot + 1) * s.size);
    const views = inboxViews(s.inbox!, shard.step % 2, shard.n);
    const { x, y } = views;
    const started = performance.now();
    // A shard that travels as sources is made here, in place (its targets go back to the coordinator from here).
    if (shard.render) renderSources(views, shard.render, shard.n);
    const result = s.core.computeShard(x, y, shard.n, shard.scale, slot, shard.keepPredictions);
    markWritten(counters, shard.bank);
    const shardMs = performance.now() - started;
    post({ type: 'grads', step: shard.step, loss: result.loss, predictions: result.predictions, shardMs }, result.predictions ? [result.predictions.buffer] : []);
    // Apply the update as soon as every slot is in, in parallel with the coordinator's own.
    waitForBank(counters, shard.bank, workers, bankRound(shard.step));
    s.core.reduceAndApply(bank);
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
      if (message.inbox) state.inbox = message.inbox;
      // Every step published so far, in order: usually the next one is published before this one's update is
      // done, and runs at once instead of after its message's trip through the event loop.
      for (let shard = state.inbox && postedShard(state.inbox, state.done + 1); shard; shard = postedShard(state.inbox!, state.done + 1)) {
        runShard(state, shard);
        state.done = shard.step;
      }
    } catch (error) {
      failed = true;
      post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };
}
