import type { StateCreator } from 'zustand/vanilla';
import type { FileSource } from '@/engine/datasets/import/source';
import type { NamedTensor } from '@/engine/export/tensor';
import { importModel, type ImportedModel } from '@/engine/import';
import { arrangeDocument } from '@/graph/edit';
import type { GraphDocument } from '@/graph/types';
import type { AppState } from './types';

/**
 * Importing a trained model (File > Import model…, or a model dropped on the canvas): the import runs here,
 * on this machine, with its progress; the dialog shows the summary, and opening it loads the graph (one undo
 * step) and keeps its weights for training. Weights are held in memory only (they can be hundreds of MB).
 */
export type ModelImportState =
  | { status: 'idle' }
  | { status: 'reading'; label: string; phase: string; done: number; total: number }
  | { status: 'ready'; label: string; model: ImportedModel }
  | { status: 'failed'; label: string; message: string };

/** The weights of the model last opened from an import, by node id (`imp3/kernel`). */
export interface ImportedWeights {
  label: string;
  weights: NamedTensor[];
}

export interface ModelImportSlice {
  modelImport: ModelImportState;
  importedWeights: ImportedWeights | null;
  /** Reads a model from files, a folder or a zip (see engine/import); the dialog follows its state. */
  importModelFrom(source: FileSource, label: string): Promise<void>;
  /**
   * Puts the imported graph on the canvas (undoable), arranged for a view of `aspect` (width / height), and
   * keeps its weights for the next training run.
   */
  openImportedModel(aspect?: number): boolean;
  /** Closes the import dialog; an import still reading is abandoned. */
  dismissModelImport(): void;
}

/**
 * The imported weights that still belong to nodes of `doc` (same id; the worker then checks the shapes):
 * none after another graph was opened, all of them while the imported graph is on the canvas.
 */
export function importedWeightsFor(doc: GraphDocument, imported: ImportedWeights | null): NamedTensor[] {
  if (!imported) return [];
  const ids = new Set(doc.nodes.map((n) => n.id));
  return imported.weights.filter((w) => ids.has(w.name.slice(0, w.name.lastIndexOf('/'))));
}

export const createModelImportSlice: StateCreator<AppState, [], [], ModelImportSlice> = (set, get) => {
  // Each import has a number, so the answer of one the user abandoned cannot overwrite a newer one.
  let sequence = 0;
  return {
    modelImport: { status: 'idle' },
    importedWeights: null,

    async importModelFrom(source, label) {
      const mine = ++sequence;
      const live = () => mine === sequence;
      set({ modelImport: { status: 'reading', label, phase: 'Opening', done: 0, total: 1 } });
      try {
        const model = await importModel(source, {
          onProgress: (phase, done, total) => {
            if (live()) set({ modelImport: { status: 'reading', label, phase, done, total } });
          },
        });
        if (live()) set({ modelImport: { status: 'ready', label, model } });
      } catch (error) {
        if (live()) set({ modelImport: { status: 'failed', label, message: error instanceof Error ? error.message : String(error) } });
      }
    },

    openImportedModel(aspect) {
      const state = get().modelImport;
      if (state.status !== 'ready') return false;
      if (!get().loadDocument(aspect ? arrangeDocument(state.model.doc, aspect) : state.model.doc)) return false;
      set({ importedWeights: { label: state.label, weights: state.model.weights }, modelImport: { status: 'idle' } });
      const s = state.model.summary;
      get().notify(
        `Opened ${state.label}: ${state.model.doc.nodes.length} nodes, ${s.withWeights} of ${s.weighted} weighted layers with their weights. Training starts from them. Press Ctrl+Z to go back.`,
        'success',
      );
      return true;
    },

    dismissModelImport() {
      sequence++;
      set({ modelImport: { status: 'idle' } });
    },
  };
};
