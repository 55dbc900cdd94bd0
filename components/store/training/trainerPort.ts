/**
 * What the training slice needs from the worker side: start, pause, resume, stop, and a stream of worker
 * messages. The app plugs in the real client (engine/worker/client.ts through connectWorker.ts); tests plug
 * in a fake that replays recorded events.
 */
import type { FeatureMapsResult } from '@/engine/featureMaps';
import type { TrainedArtifacts } from '@/engine/export/weights';
import type { NamedTensor } from '@/engine/export/tensor';
import type { FromWorker, ImportedArtifacts, StartMessage } from '@/engine/protocol';
import type { TaskInfo } from '@/graph/tasks';
import type { GraphDocument } from '@/graph/types';

/** A started trainer. */
export interface TrainerPort {
  start(message: Omit<StartMessage, 'type'>): void;
  pause(): void;
  resume(): void;
  stop(): void;
  /**
   * The trained weights of a run that ended (completed or stopped), for the Export dialog; rejects with the
   * reason when the worker no longer holds them. Optional: fakes that replay events have no weights.
   */
  requestWeights?(runId: string): Promise<TrainedArtifacts>;
  /** Activation maps of a run that ended for one image (engine/featureMaps.ts). Optional like requestWeights. */
  requestFeatureMaps?(runId: string, image: Float32Array, maxChannels?: number): Promise<FeatureMapsResult>;
  /** An imported model's weights in a fresh model of `doc`, for the Export dialog (engine/protocol.ts ImportedArtifactsMessage). Optional like requestWeights. */
  requestImportedArtifacts?(doc: GraphDocument, weights: NamedTensor[], info?: TaskInfo): Promise<ImportedArtifacts>;
  /** Ends the worker (page leaving, store dropped). */
  dispose(): void;
}

/** Callbacks a trainer reports to. */
export interface TrainerListener {
  /** Every worker message, in order. */
  onMessage(message: FromWorker): void;
  /** The worker itself failed (did not load, crashed): a message and what to try. */
  onFailure(message: string, hint: string): void;
}

/** Creates a trainer reporting to `listener`. */
export type TrainerFactory = (listener: TrainerListener) => TrainerPort;
