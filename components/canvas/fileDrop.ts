import { droppedFiles, type DroppedEntry } from '@/engine/datasets/import/dropSource';
import type { BlobFile } from '@/engine/datasets/import/source';
import { isModelJsonText, looksLikeModel } from '@/engine/import/detect';
import type { AppStore } from '../store/createAppStore';
import { openDocumentFile } from './fileIO';

/**
 * Files dropped on the canvas: a model (folder, several files, a model file, or a .json that describes a
 * model) goes to the model import (the dialog follows the store's `modelImport`); one graph .json opens as
 * before.
 */

/**
 * A label for chosen files: the folder's or the single file's name; for several loose files, the model.json
 * among them with the count of the others ("model.json and 2 more files"), else "N files".
 */
export function filesLabel(files: readonly Pick<BlobFile, 'name' | 'webkitRelativePath'>[]): string {
  const folder = files[0]?.webkitRelativePath?.split('/')[0];
  if (folder && files.every((f) => f.webkitRelativePath?.startsWith(`${folder}/`))) return folder;
  if (files.length === 1) return files[0].name;
  const models = files.filter((f) => f.name.toLowerCase() === 'model.json');
  if (models.length === 1) return `${models[0].name} and ${files.length - 1} more file${files.length === 2 ? '' : 's'}`;
  return `${files.length} files`;
}

/** Imports chosen or dropped files (a picker's list, with or without webkitdirectory) as a model. */
export function importModelFiles(store: AppStore, files: readonly BlobFile[]): void {
  if (!files.length) return;
  // Paths as a folder picker gives them (webkitRelativePath), else the bare names, as blobListSource reads them.
  void store.getState().importModelFrom({ kind: 'files', label: filesLabel(files), files: files.map((file) => ({ path: file.webkitRelativePath || file.name, file })) });
}

/** Imports dropped files and folders (walked) as a model. */
async function importDropped(store: AppStore, entries: readonly DroppedEntry[]): Promise<void> {
  const label = entries.length === 1 ? entries[0].name : entries.some((e) => e.name.toLowerCase() === 'model.json') ? filesLabel(entries) : `${entries.length} dropped items`;
  const files = await droppedFiles(entries);
  await store.getState().importModelFrom({ kind: 'files', label, files });
}

/** Call inside the drop handler: the entries must be taken while the event lasts. */
export function dropFiles(store: AppStore, data: DataTransfer): void {
  const files = [...data.files];
  const entries = [...data.items].map((i) => i.webkitGetAsEntry?.()).filter((x): x is FileSystemEntry => !!x);
  if (entries.some((e) => e.isDirectory) || looksLikeModel(files.map((f) => f.name))) {
    if (entries.length) void importDropped(store, entries as unknown as DroppedEntry[]);
    else importModelFiles(store, files);
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
    .then((head) => (isModelJsonText(head) ? importModelFiles(store, [file]) : void openDocumentFile(store, file)));
}
