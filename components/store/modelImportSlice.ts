import type { StateCreator } from 'zustand/vanilla';
import type { NamedTensor } from '@/engine/export/tensor';
import type { ImportedModel } from '@/engine/import';
import { ImportCancelled, ImportClient } from '@/engine/worker/importClient';
import type { ImportInput } from '@/engine/worker/importProtocol';
import { arrangeDocument } from '@/graph/edit';
import type { GraphDocument, NodeType } from '@/graph/types';
import type { AppState } from './types';

/**
 * Importing a trained model (File > Import model…, or a model dropped on the canvas): the import runs in the
 * import worker (engine/worker/importWorker.ts), on this machine, so a file of tens of MB never freezes the
 * page; its progress drives the dialog's bar and Cancel ends it; the dialog shows the summary, and opening it loads the graph (one undo
 * step) and keeps its weights for training and export. The weights are kept in memory here; the editor
 * also stores them in this browser (components/editor/useImportedWeightsStore.ts) so they survive a reload.
 */
export type ModelImportState =
  | { status: 'idle' }
  | { status: 'reading'; label: string; phase: string; done: number; total: number }
  | { status: 'ready'; label: string; model: ImportedModel }
  | { status: 'failed'; label: string; message: string };

/** The weights of the model last opened from an import, by node id (`imp3/kernel`). */
export interface ImportedWeights {
  /** The file or folder they came from, for notes ("weights: imported from model.json"). */
  label: string;
  /** The type of each imported node with weights, by id: a node of another type under the same id gets none. */
  nodes: Record<string, NodeType>;
  weights: NamedTensor[];
}

/** The node id of a weight named `<node id>/<role>`. */
export const weightNodeId = (name: string) => name.slice(0, name.lastIndexOf('/'));

/** The weights of an import, with the type of each node they belong to. */
export function importedWeightsOf(label: string, doc: GraphDocument, weights: NamedTensor[]): ImportedWeights {
  const ids = new Set(weights.map((w) => weightNodeId(w.name)));
  const nodes: Record<string, NodeType> = {};
  for (const n of doc.nodes) if (ids.has(n.id)) nodes[n.id] = n.type;
  return { label, nodes, weights };
}

export interface ModelImportSlice {
  modelImport: ModelImportState;
  importedWeights: ImportedWeights | null;
  /** Reads a model from files, a folder or a zip (see engine/import) in the import worker; the dialog follows its state. */
  importModelFrom(input: ImportInput): Promise<void>;
  /**
   * Puts the imported graph on the canvas (undoable), arranged for a view of `aspect` (width / height), and
   * keeps its weights for the next training run.
   */
  openImportedModel(aspect?: number): boolean;
  /** Closes the import dialog; an import still reading is cancelled (its worker ends). */
  dismissModelImport(): void;
  /** Sets or forgets the imported weights (restored from this browser's storage at start). */
  setImportedWeights(weights: ImportedWeights | null): void;
}

/**
 * The imported weights that still belong to nodes of `doc`: same id and same type (the worker then checks
 * the shapes, and a node whose shape changed starts fresh). None after another graph was opened, all of
 * them while the imported graph is on the canvas.
 */
export function importedWeightsFor(doc: GraphDocument, imported: ImportedWeights | null): NamedTensor[] {
  if (!imported) return [];
  const types = new Map(doc.nodes.map((n) => [n.id, n.type]));
  return imported.weights.filter((w) => {
    const id = weightNodeId(w.name);
    return types.has(id) && types.get(id) === imported.nodes[id];
  });
}

/**
 * The import, in the import worker where the platform has workers (the app), else in this thread (Node
 * tests, whose engine code is the same).
 */
async function importInWorker(input: ImportInput, onProgress: (done: number, total: number, phase: string) => void, worker: () => ImportClient): Promise<ImportedModel> {
  if (typeof Worker === 'function') return worker().importModel(input, onProgress);
  const [{ importModel }, { sourceOf }] = await Promise.all([import('@/engine/import'), import('@/engine/worker/importHandler')]);
  return importModel(await sourceOf(input), { onProgress: (phase, done, total) => onProgress(done, total, phase) });
}

export const createModelImportSlice: StateCreator<AppState, [], [], ModelImportSlice> = (set, get) => {
  // Each import has a number, so the answer of one the user abandoned cannot overwrite a newer one.
  let sequence = 0;
  // The import worker of this store (DESIGN.md section 5: no module globals), started at the first import.
  let client: ImportClient | null = null;
  return {
    modelImport: { status: 'idle' },
    importedWeights: null,

    async importModelFrom(input) {
      const mine = ++sequence;
      const live = () => mine === sequence;
      const { label } = input;
      set({ modelImport: { status: 'reading', label, phase: 'Opening', done: 0, total: 1 } });
      try {
        const onProgress = (done: number, total: number, phase: string) => {
          if (live()) set({ modelImport: { status: 'reading', label, phase, done, total } });
        };
        const model = await importInWorker(input, onProgress, () => (client ??= new ImportClient()));
        if (live()) set({ modelImport: { status: 'ready', label, model } });
      } catch (error) {
        if (error instanceof ImportCancelled) return;
        if (live()) set({ modelImport: { status: 'failed', label, message: error instanceof Error ? error.message : String(error) } });
      }
    },

    openImportedModel(aspect) {
      const state = get().modelImport;
      if (state.status !== 'ready') return false;
      if (!get().loadDocument(aspect ? arrangeDocument(state.model.doc, aspect) : state.model.doc)) return false;
      set({ importedWeights: importedWeightsOf(state.label, state.model.doc, state.model.weights), modelImport: { status: 'idle' } });
      const s = state.model.summary;
      get().notify(
        `Opened ${state.label}: ${state.model.doc.nodes.length} nodes, ${s.withWeights} of ${s.weighted} weighted layers with their weights. Training starts from them. Press Ctrl+Z to go back.`,
        'success',
      );
      return true;
    },

    dismissModelImport() {
      sequence++;
      if (get().modelImport.status === 'reading') client?.cancel();
      set({ modelImport: { status: 'idle' } });
    },

    setImportedWeights(weights) {
      set({ importedWeights: weights });
    },
  };
};
