/**
 * The UI's one way to the training worker (DESIGN.md section 5): a typed wrapper over the Worker that
 * sends engine/protocol.ts messages and hands worker messages to subscribers.
 *
 * @example
 * const client = new TrainingClient();
 * const off = client.subscribe((m) => { if (m.type === 'epoch') store.addEpoch(m); });
 * const runId = client.start({ document, data: { taskId: document.task.id, count: 2000 } });
 * client.stop(); off(); client.terminate();
 */
import type { TrainedArtifacts } from '../export/weights';
import type { FeatureMapsResult } from '../featureMaps';
import type { GraphDocument } from '../../graph/types';
import type { TaskInfo } from '../../graph/tasks';
import type { NamedTensor } from '../export/tensor';
import {
  runId as makeRunId,
  type FeatureMapsReply,
  type FromWorker,
  type FromWorkerType,
  type ImportedArtifacts,
  type ImportedArtifactsReply,
  type StartMessage,
  type ToWorker,
  type WeightsReply,
} from '../protocol';

/** The Worker surface the client uses (a real Worker, or a fake in tests). */
export interface WorkerLike {
  /** `transfer`: the reply port of an `exportWeights` request. */
  postMessage(message: ToWorker, transfer?: Transferable[]): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<FromWorker>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

/** A module worker running engine/worker/trainingWorker.ts (bundlers emit it as its own chunk). */
export function createTrainingWorker(): WorkerLike {
  return new Worker(new URL('./trainingWorker.ts', import.meta.url), { type: 'module', name: 'convas-training' }) as unknown as WorkerLike;
}


export class TrainingClient {
  private readonly worker: WorkerLike;
  private readonly listeners = new Set<(message: FromWorker) => void>();
  private terminated = false;
  /** Rejecters of weight requests still waiting, failed at once when the worker dies or is terminated. */
  private readonly waiting = new Set<(error: Error) => void>();
  /** The id of the last run started. */
  runId: string | null = null;
  /** Runs this client started: the sequence of its run ids. */
  private runsStarted = 0;

  /** Creates the worker now (pass a factory in tests). */
  constructor(factory: () => WorkerLike = createTrainingWorker) {
    this.worker = factory();
    this.worker.onmessage = (event) => {
      for (const fn of [...this.listeners]) fn(event.data);
    };
    this.worker.onerror = (event) => {
      // A script error in the worker (e.g. the chunk failed to load): surface it as a run error.
      this.failWaiting(`The training worker failed: ${event.message || 'unknown error'}`);
      const message: FromWorker = {
        type: 'error',
        code: 'internal',
        message: `The training worker failed: ${event.message || 'unknown error'}`,
        hint: 'Reload the page; if it persists, choose the wasm or cpu backend.',
        runId: this.runId ?? '',
      };
      for (const fn of [...this.listeners]) fn(message);
    };
  }

  /** Starts a run; returns its id (given, or a fresh one); worker messages of this run carry it. */
  start(request: Omit<StartMessage, 'type' | 'runId'> & { runId?: string }): string {
    const runId = request.runId ?? makeRunId(++this.runsStarted);
    this.runId = runId;
    this.send({ ...request, type: 'start', runId });
    return runId;
  }

  pause(): void {
    this.send({ type: 'pause' });
  }

  resume(): void {
    this.send({ type: 'resume' });
  }

  /** Stops after the current batch; `done` follows (after the test split is evaluated). */
  stop(): void {
    this.send({ type: 'stop' });
  }

  /** Kills the worker at once (no `done`); the client cannot be used afterwards. */
  terminate(): void {
    this.terminated = true;
    this.listeners.clear();
    this.failWaiting('The training worker was closed.');
    this.worker.terminate();
  }

  /**
   * The trained weights of a run that ended (completed or stopped), as tfjs saves them, for
   * `exportGraph(doc, target, { weights })`. Rejects with the worker's reason when it has none for this run
   * (another run since, still training, diverged), when the worker dies, or after `timeoutMs`.
   */
  requestWeights(runId: string, timeoutMs = 60_000): Promise<TrainedArtifacts> {
    return this.ask<WeightsReply, TrainedArtifacts>(
      (reply) => ({ type: 'exportWeights', runId, reply }),
      (answer) => answer.artifacts,
      'The training worker did not answer; train again to export trained weights.',
      timeoutMs,
    );
  }

  /**
   * The activation maps and first-layer filters of a run that ended, for one image (H*W*C values, HWC; copied,
   * not transferred). Rejects like {@link requestWeights}.
   */
  requestFeatureMaps(runId: string, image: Float32Array, maxChannels = 16, timeoutMs = 60_000): Promise<FeatureMapsResult> {
    return this.ask<FeatureMapsReply, FeatureMapsResult>(
      (reply) => ({ type: 'featureMaps', runId, image, maxChannels, reply }),
      (answer) => answer.result,
      'The training worker did not answer; train again to see feature maps.',
      timeoutMs,
    );
  }

  /**
   * An imported model's weights in a fresh model of `document`, as tfjs saves them, with the nodes that got
   * them and those that start fresh (their shapes changed). Works with or without a run; rejects like
   * {@link requestWeights}.
   */
  requestImportedArtifacts(document: GraphDocument, weights: NamedTensor[], info?: TaskInfo, timeoutMs = 120_000): Promise<ImportedArtifacts> {
    return this.ask<ImportedArtifactsReply, ImportedArtifacts>(
      (reply) => ({ type: 'importedArtifacts', document, weights, ...(info ? { info } : {}), reply }),
      ({ artifacts, applied, skipped }) => ({ artifacts, applied, skipped }),
      'The training worker did not answer; the export goes without the imported weights.',
      timeoutMs,
    );
  }

  /** Calls `fn` with every worker message; returns the unsubscribe function. */
  subscribe(fn: (message: FromWorker) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Calls `fn` with the worker messages of one type. */
  on<T extends FromWorkerType>(type: T, fn: (message: Extract<FromWorker, { type: T }>) => void): () => void {
    return this.subscribe((m) => {
      if (m.type === type) fn(m as Extract<FromWorker, { type: T }>);
    });
  }

  /**
   * One request answered on its own port (transferred with the message), the plumbing every such request
   * shares: resolves with `unwrap` of an `ok` reply, rejects with the worker's message otherwise, and fails
   * after `timeoutMs`, when the worker dies or the client is terminated; the port is closed after one answer.
   */
  private ask<R extends { ok: true } | { ok: false; message: string }, T>(
    message: (reply: MessagePort) => ToWorker,
    unwrap: (answer: Extract<R, { ok: true }>) => T,
    timeoutMessage: string,
    timeoutMs: number,
  ): Promise<T> {
    const channel = new MessageChannel();
    return new Promise<T>((resolve, reject) => {
      const finish = () => {
        clearTimeout(timer);
        this.waiting.delete(fail);
        channel.port1.onmessage = null;
        channel.port1.close();
      };
      const fail = (error: Error) => {
        finish();
        reject(error);
      };
      const timer = setTimeout(() => fail(new Error(timeoutMessage)), timeoutMs);
      this.waiting.add(fail);
      channel.port1.onmessage = (event: MessageEvent<R>) => {
        finish();
        const answer: { ok: true } | { ok: false; message: string } = event.data;
        if (answer.ok) resolve(unwrap(event.data as Extract<R, { ok: true }>));
        else reject(new Error(answer.message));
      };
      try {
        this.send(message(channel.port2), [channel.port2]);
      } catch (error) {
        fail(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  private send(message: ToWorker, transfer?: Transferable[]): void {
    if (this.terminated) throw new Error('This TrainingClient was terminated; create a new one.');
    if (transfer) this.worker.postMessage(message, transfer);
    else this.worker.postMessage(message);
  }

  private failWaiting(message: string): void {
    for (const fail of [...this.waiting]) fail(new Error(message));
  }
}
