/**
 * Messages between the UI and the import worker (engine/worker/importWorker.ts): a discriminated union like
 * the training protocol (engine/protocol.ts). Files travel as browser File handles (structured clone copies
 * the reference, not the bytes); the imported dataset comes back with its pixel buffers transferred.
 */
import type { Dataset } from '../datasets/types';
import type { BlobFile } from '../datasets/import/source';
import type { InspectReport } from '../datasets/import/report';
import type { ImportedModel } from '../import/types';

/** What to read: picked or dropped files with their relative paths, or one .zip. */
export type ImportInput =
  | { kind: 'files'; label: string; files: { path: string; file: BlobFile }[] }
  | { kind: 'zip'; label: string; file: BlobFile };

/** Size, channels and task an import is made for (from the graph's Input and task). */
export interface ImportTargetOptions {
  taskId: string;
  size: number;
  channels: 1 | 3;
}

export type ToImportWorker =
  | { type: 'inspect'; id: number; input: ImportInput }
  | { type: 'import'; id: number; input: ImportInput; options: ImportTargetOptions }
  /** A trained model (engine/import): files of a model folder, a model file, or a .zip of either. */
  | { type: 'importModel'; id: number; input: ImportInput };

export type FromImportWorker =
  | { type: 'progress'; id: number; done: number; total: number; phase: string }
  | { type: 'inspected'; id: number; report: InspectReport }
  | { type: 'imported'; id: number; dataset: Dataset; report: InspectReport }
  /** The imported model, its weights' buffers transferred. */
  | { type: 'model'; id: number; model: ImportedModel }
  | { type: 'failed'; id: number; message: string };
