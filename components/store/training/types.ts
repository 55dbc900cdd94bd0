/**
 * Types of the training state that the store keeps and the training views draw: where a run stands, its live
 * progress, the backend in use and how the confusion matrix is shown. They live in the store (not beside the
 * views) so the store imports nothing from components/training.
 */

/** Where a run stands, as the progress bar shows it. */
export type TrainingStatus = 'idle' | 'starting' | 'running' | 'paused' | 'stopping' | 'done' | 'error';

/** Live figures of the current run (null fields: not known yet). */
export interface LiveProgress {
  /** Preparation phase ("Generating images") while no batch has run, else null. */
  phase: string | null;
  phaseDone: number;
  phaseTotal: number;
  epoch: number;
  epochs: number;
  batch: number;
  batches: number;
  imagesPerSecond: number | null;
  etaSeconds: number | null;
  backend: string | null;
  /** Workers sharing each batch (data-parallel training), from the run's start; absent before it. */
  workers?: number;
  /** tfjs memory after the last epoch (tensors and bytes), or null before the first. */
  memory?: { numTensors: number; numBytes: number } | null;
}

/** What the panel knows about the backend: the active one and why auto chose it. */
export interface BackendInfo {
  name: string;
  reason: string;
}

/** Which axis the rows show. */
export type MatrixOrientation = 'rows-predicted' | 'rows-true';

/** Raw counts, or each displayed row / column scaled to sum to 1. */
export type MatrixNormalisation = 'counts' | 'rows' | 'columns';

/** One matrix cell, by true and predicted class. */
export interface CellRef {
  trueClass: number;
  predictedClass: number;
}

export interface MatrixViewOptions {
  orientation: MatrixOrientation;
  normalisation: MatrixNormalisation;
  /** The class whose TP, FP, FN and TN cells are highlighted, or null. */
  selectedClass: number | null;
  /** The cell whose images the gallery shows, or null. */
  selectedCell: CellRef | null;
}

export const DEFAULT_MATRIX_OPTIONS: MatrixViewOptions = {
  orientation: 'rows-predicted',
  normalisation: 'counts',
  selectedClass: null,
  selectedCell: null,
};
