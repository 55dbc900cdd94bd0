/**
 * What a training run reports, as plain data (structured-clone and JSON safe; NaN marks an undefined ratio
 * and becomes null in JSON). The worker posts these unchanged (engine/protocol.ts) and the CLI prints them.
 */
import type { BackendName, TaskKind } from '../../graph/types';
import type { ClassificationReport, ConfusionMatrix, DiceResult } from '../metrics';

/** tf.memory() figures the memory panel shows. */
export interface MemoryInfo {
  numTensors: number;
  numBytes: number;
}

/** Classification metrics of one pass: confusion counts (rows = true, columns = predicted) and the report. */
export interface ClassificationMetrics {
  kind: 'classification';
  /** `confusion[true][predicted]` counts (engine/metrics orientation; the UI transposes by default). */
  confusion: ConfusionMatrix;
  report: ClassificationReport;
}

/** Segmentation metrics of one pass: Dice per class and mean (MONAI's ignore-empty rule). */
export interface SegmentationMetrics {
  kind: 'segmentation';
  /** Binary masks report two classes (background, foreground); background is left out of the mean. */
  dice: DiceResult;
  /** Share of pixels whose predicted class is right. */
  pixelAccuracy: number;
}

export type PassMetrics = ClassificationMetrics | SegmentationMetrics;

/** A pass over a split (validation or test): mean loss per image and the metrics. */
export interface EvalResult {
  /** Mean loss per image, weighted by class like the training loss. */
  loss: number;
  metrics: PassMetrics;
  /** Images evaluated. */
  images: number;
  /** A few of its images with the model's answers, for galleries. */
  samples: SamplePrediction[];
}

/** One image with the model's prediction. */
export interface SamplePrediction {
  /** Index in the dataset, and its id (file name or generated id). */
  index: number;
  id: string;
  /** The image as the model saw it (no augmentation), H*W*C bytes. */
  image: Uint8Array;
  width: number;
  height: number;
  channels: number;
  /** Classification: true and predicted class, the predicted class's probability, all probabilities. */
  trueClass?: number;
  predictedClass?: number;
  confidence?: number;
  probabilities?: number[];
  /** Segmentation: true and predicted class index per pixel (binary: 0/1), and this image's foreground Dice. */
  trueMask?: Uint8Array;
  predictedMask?: Uint8Array;
  dice?: number;
}

/** Split sizes in images. */
export interface SplitSizes {
  train: number;
  validation: number;
  test: number;
}

/** Run start: everything fixed for the run. */
export interface StartEvent {
  type: 'start';
  backend: BackendName | string;
  kind: TaskKind;
  classNames: string[];
  lossName: string;
  /** Trainable + non-trainable parameters. */
  params: number;
  splits: SplitSizes;
  epochs: number;
  batchSize: number;
  batchesPerEpoch: number;
  /** Class weights in use (classification with classWeights on), by class. */
  classWeights?: number[];
  /** Workers computing each training step (data parallel when above 1); absent in older recordings means 1. */
  workers?: number;
  memory: MemoryInfo;
}

/** Progress of a preparation phase (generating data, fitting it to the Input, compiling). */
export interface ProgressEvent {
  type: 'progress';
  phase: string;
  done: number;
  total: number;
}

/** After each training batch. */
export interface BatchEvent {
  type: 'batch';
  /** 1-based epoch and batch. */
  epoch: number;
  batch: number;
  batches: number;
  loss: number;
  /** The learning rate this batch's step used (settings.schedule); absent from events of older workers. */
  learningRate?: number;
  /** Images per second over this epoch's batches so far (data preparation included). */
  imagesPerSecond: number;
  /** Seconds left, estimated from the time per batch and per validation pass so far. */
  etaSeconds: number;
}

/** After each epoch: training and validation figures. */
export interface EpochEvent {
  type: 'epoch';
  epoch: number;
  epochs: number;
  /** Mean training loss per image over the epoch (augmented images, Dropout on). */
  trainLoss: number;
  trainMetrics: PassMetrics;
  /** Null when there is no validation split (validationFraction 0). */
  validation: EvalResult | null;
  /** Training images per second this epoch. */
  imagesPerSecond: number;
  /** Wall time of the epoch, validation included. */
  seconds: number;
  etaSeconds: number;
  backend: string;
  /** tf.memory() after the epoch, everything of the epoch disposed. */
  memory: MemoryInfo;
}

/** Pause/resume/stop acknowledged. */
export interface StatusEvent {
  type: 'status';
  state: 'running' | 'paused' | 'stopping';
}

/**
 * What a log line is about, for code that acts on it (the UI offers a fix by code, never by matching the
 * sentence): 'lr-too-high' the loss rose far above its start or above a blind guess; 'graph-warning' a
 * validation warning of the graph; 'input-resized' images are fitted to the Input's size; 'evaluating-test'
 * the test split is being evaluated; 'workers' how many workers train and why not more; 'split-by-speed'
 * a slowed core made the workers share batches by speed (a rerun with the same seed may differ).
 */
export type LogCode = 'lr-too-high' | 'graph-warning' | 'input-resized' | 'evaluating-test' | 'workers' | 'split-by-speed' | 'imported-weights';

/** A line for the log panel. */
export interface LogEvent {
  type: 'log';
  level: 'info' | 'warning';
  code: LogCode;
  message: string;
  /** With 'lr-too-high': the learning rate to try instead. */
  suggestedLearningRate?: number;
}

/** Training could not go on: a message for people and a hint saying what to change. */
export interface ErrorEvent {
  type: 'error';
  /** 'diverged' (NaN or infinite loss), 'invalid-graph', 'data', 'gpu-lost' (./gpuLost.ts) or 'internal'. */
  code: 'diverged' | 'invalid-graph' | 'data' | 'gpu-lost' | 'internal';
  message: string;
  hint: string;
}

/** The end of a run. */
export interface DoneEvent {
  type: 'done';
  /** 'completed' every epoch; 'stopped' by the user; 'diverged' on NaN; 'failed' on another error. */
  reason: 'completed' | 'stopped' | 'diverged' | 'failed';
  epochsDone: number;
  /** The test split, evaluated once, at the end (completed or stopped runs with a test split). */
  test: EvalResult | null;
  seconds: number;
  memory: MemoryInfo;
}

/** Everything train() reports. */
export type TrainEvent = StartEvent | ProgressEvent | BatchEvent | EpochEvent | StatusEvent | LogEvent | ErrorEvent | DoneEvent;
