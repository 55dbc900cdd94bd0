/**
 * A training run as the panels keep it: what was trained (document and settings), the curves (loss per
 * batch, figures per epoch), the latest validation metrics and the test evaluation. Plain JSON-safe data
 * (undefined figures are null), so runs survive a reload in localStorage and can be exported.
 * Images (sample predictions) are not part of it: they are large and only the live run shows them.
 */
import type { ConfusionMatrix } from '@/engine/metrics';
import type { EpochEvent, EvalResult, PassMetrics, SplitSizes } from '@/engine/train/events';
import type { GraphDocument, TaskKind, TrainingSettings } from '@/graph/types';

/** How a run ended, or that it is still going. */
export type RunStatus = 'running' | 'completed' | 'stopped' | 'diverged' | 'failed';

/** One batch's loss; `x` is the position in epochs (epoch 2, batch 5 of 10 -> 1.5), so batch and epoch curves share an axis. */
export interface BatchPoint {
  x: number;
  loss: number | null;
}

/** Figures of one epoch (null: undefined, e.g. no validation split). */
export interface EpochPoint {
  epoch: number;
  trainLoss: number | null;
  valLoss: number | null;
  /** Classification, on the validation split. */
  accuracy: number | null;
  balancedAccuracy: number | null;
  /** Always answering the majority class of the validation split. */
  baselineAccuracy: number | null;
  /** Segmentation, on the validation split: mean foreground Dice and Dice per class (background first). */
  meanDice: number | null;
  dicePerClass: (number | null)[] | null;
  /** On the (augmented) training batches. */
  trainAccuracy: number | null;
  imagesPerSecond: number | null;
  seconds: number | null;
}

/** Metrics of one pass without images: what the matrix, table and Dice panels draw. */
export type MetricsSummary =
  | { kind: 'classification'; confusion: ConfusionMatrix }
  | { kind: 'segmentation'; dicePerClass: (number | null)[]; meanDice: number | null; counted: number[]; pixelAccuracy: number | null };

/** A pass over a split, without its sample images. */
export interface PassSummary {
  loss: number | null;
  images: number;
  metrics: MetricsSummary;
}

/**
 * The data a run trained on: the bundled (generated) images of its task, or an import, named by its format,
 * image count and a hash of its file ids (the same folder imported twice is the same dataset).
 */
export interface RunDataset {
  source: 'generated' | 'imported';
  /** Equal keys: the same data. 'generated', or 'imported:<format>:<count>:<hash>'. */
  key: string;
  /** For people: "generated images", "HAM10000 import, 120 images". */
  label: string;
}

/** The dataset of runs saved before runs recorded theirs: only generated data could be restored then. */
export const GENERATED_DATASET: RunDataset = { source: 'generated', key: 'generated', label: 'generated images' };

export interface RunRecord {
  id: string;
  /** 1, 2, 3... in the session's history. */
  number: number;
  /** What changed since the previous run ("lr 0.001 -> 0.01"), or the graph's title for the first. */
  name: string;
  startedAt: number;
  taskId: string;
  /** What it trained on (runs saved before this field read as generated). */
  dataset: RunDataset;
  /** The title of the lesson it was made in, or null outside a lesson (and for older saved runs). */
  lesson: string | null;
  kind: TaskKind;
  classNames: string[];
  settings: TrainingSettings;
  /** The document trained, for naming the next run after what changed. */
  doc: GraphDocument;
  backend: string;
  params: number | null;
  splits: SplitSizes | null;
  batchesPerEpoch: number;
  batches: BatchPoint[];
  epochs: EpochPoint[];
  /** The last epoch's validation pass. */
  validation: PassSummary | null;
  /** The test split, evaluated once at the end. */
  test: PassSummary | null;
  status: RunStatus;
  error: { message: string; hint: string } | null;
  seconds: number | null;
  /** Drawn on the comparison charts. */
  visible: boolean;
}

/** NaN and infinities become null (JSON has no NaN). */
export function finite(v: number | null | undefined): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** A pass's metrics without images. */
export function summariseMetrics(m: PassMetrics): MetricsSummary {
  if (m.kind === 'classification') return { kind: 'classification', confusion: m.confusion.map((r) => [...r]) };
  return {
    kind: 'segmentation',
    dicePerClass: m.dice.perClass.map(finite),
    meanDice: finite(m.dice.mean),
    counted: [...m.dice.counted],
    pixelAccuracy: finite(m.pixelAccuracy),
  };
}

/** An evaluation result without its sample images. */
export function summarisePass(r: EvalResult | null): PassSummary | null {
  return r ? { loss: finite(r.loss), images: r.images, metrics: summariseMetrics(r.metrics) } : null;
}

/** The chart figures of an epoch event. */
export function epochPoint(e: EpochEvent): EpochPoint {
  const v = e.validation?.metrics;
  const t = e.trainMetrics;
  return {
    epoch: e.epoch,
    trainLoss: finite(e.trainLoss),
    valLoss: finite(e.validation?.loss),
    accuracy: v?.kind === 'classification' ? finite(v.report.accuracy) : null,
    balancedAccuracy: v?.kind === 'classification' ? finite(v.report.balancedAccuracy) : null,
    baselineAccuracy: v?.kind === 'classification' ? finite(v.report.baseline.accuracy) : null,
    meanDice: v?.kind === 'segmentation' ? finite(v.dice.mean) : null,
    dicePerClass: v?.kind === 'segmentation' ? v.dice.perClass.map(finite) : null,
    trainAccuracy: t.kind === 'classification' ? finite(t.report.accuracy) : null,
    imagesPerSecond: finite(e.imagesPerSecond),
    seconds: finite(e.seconds),
  };
}

/** Batch position in epochs: epoch 2, batch 5 of 10 -> 1.5. */
export function batchX(epoch: number, batch: number, batches: number): number {
  return epoch - 1 + batch / Math.max(1, batches);
}
