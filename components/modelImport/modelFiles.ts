import { droppedFiles, type DroppedEntry } from '@/engine/datasets/import/dropSource';
import { blobListSource, fileListSource, type BlobFile } from '@/engine/datasets/import/source';
import { openDocumentFile } from '../canvas/fileIO';
import type { AppStore } from '../store/createAppStore';

/**
 * Telling a model from a graph document among dropped or chosen files, and handing models to the import.
 * A Convas graph is one .json file; a model is model.json with its weight files, a folder, a .zip, or one
 * .onnx / .h5 / .keras file, or a Keras architecture .json.
 */

/** Extensions that are always a model (or its weights), never a graph document. */
const MODEL_EXTENSIONS = ['onnx', 'h5', 'hdf5', 'keras', 'zip', 'bin'];

const extension = (name: string) => name.slice(name.lastIndexOf('.') + 1).toLowerCase();

/** True when these files (by name and count) are a model rather than a graph document. */
export function looksLikeModel(names: readonly string[]): boolean {
  if (names.length > 1) return true;
  return names.some((n) => MODEL_EXTENSIONS.includes(extension(n)) || n.toLowerCase() === 'model.json');
}

/** True when a .json file's text is a model description (tfjs model.json or Keras model.to_json()). */
export function isModelJsonText(text: string): boolean {
  const head = text.slice(0, 4096);
  return /"modelTopology"\s*:/.test(head) || (/^\s*\{\s*"(class_name|module)"\s*:/.test(head) && !/"format"\s*:\s*"convas-graph"/.test(head));
}

/** A label for what was chosen: the folder's or the single file's name, else "N files". */
function labelOf(files: readonly BlobFile[]): string {
  const first = files[0];
  const folder = first?.webkitRelativePath?.split('/')[0];
  if (folder && files.every((f) => f.webkitRelativePath?.startsWith(`${folder}/`))) return folder;
  return files.length === 1 ? first.name : `${files.length} files`;
}

/** Imports chosen files (a file picker's list, with or without webkitdirectory). */
export function importChosenFiles(store: AppStore, files: readonly BlobFile[]): void {
  if (!files.length) return;
  void store.getState().importModelFrom(blobListSource(files, labelOf(files)), labelOf(files));
}

/** Imports what was dropped: files and folders (walked), from a drop's file-system entries. */
export async function importDropped(store: AppStore, entries: readonly DroppedEntry[]): Promise<void> {
  const label = entries.length === 1 ? entries[0].name : `${entries.length} dropped items`;
  const files = await droppedFiles(entries);
  const source = fileListSource(files.map(({ path, file }) => ({ path, size: file.size, read: async () => new Uint8Array(await file.arrayBuffer()) })), label);
  await store.getState().importModelFrom(source, label);
}

/**
 * What a drop of files on the canvas does: a model (folder, several files, a model file, or a .json that
 * describes a model) goes to the model import; one graph .json opens as before.
 * Call it inside the drop handler: the entries must be taken while the event lasts.
 */
export function dropFiles(store: AppStore, data: DataTransfer): void {
  const files = [...data.files];
  const entries = [...data.items].map((i) => i.webkitGetAsEntry?.()).filter((x): x is FileSystemEntry => !!x);
  const folder = entries.some((e) => e.isDirectory);
  if (folder || looksLikeModel(files.map((f) => f.name))) {
    if (entries.length) void importDropped(store, entries as unknown as DroppedEntry[]);
    else importChosenFiles(store, files);
    return;
  }
  const file = files[0];
  if (!file) return;
  if (!file.name.toLowerCase().endsWith('.json')) {
    void openDocumentFile(store, file);
    return;
  }
  void file
    .slice(0, 4096)
    .text()
    .then((head) => (isModelJsonText(head) ? importChosenFiles(store, [file]) : void openDocumentFile(store, file)));
}
