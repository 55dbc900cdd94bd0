/**
 * The import worker's logic, apart from `self` so tests run it in Node: builds a FileSource from the
 * message's files or zip, inspects (headers only) or imports a dataset, or imports a trained model
 * (engine/import), and posts progress (at most every 100 ms)
 * and the result. Every failure becomes a `failed` message with its reason; a file over the decode budget
 * is skipped inside the import and listed in the report, as everywhere else.
 */
import { importDataset } from '../datasets/import/importDataset';
import { importModel } from '../import';
import { inspectSource } from '../datasets/import/inspect';
import { type BlobFile, type FileSource, fileListSource, zipSource } from '../datasets/import/source';
import type { ImageDecoder } from '../datasets/import/decode/types';
import type { FromImportWorker, ImportInput, ToImportWorker } from './importProtocol';

/** Bytes read at a time from a big file, so reading it reports progress (and a Cancel ends it between chunks). */
const CHUNK_BYTES = 4 * 2 ** 20;

/** A browser File's `slice`, where the file has one (Node's and the browser's Blobs do). */
type Sliceable = BlobFile & { slice(start: number, end: number): { arrayBuffer(): Promise<ArrayBuffer> } };

/**
 * The whole file, in chunks when it is big and can be sliced, with `onBytes(done, total)` after each.
 * One buffer of the final size: memory stays at the file's size, not twice it.
 */
export async function readInChunks(file: BlobFile, onBytes?: (done: number, total: number) => void): Promise<Uint8Array> {
  const sliceable = typeof (file as Partial<Sliceable>).slice === 'function';
  if (!onBytes || !sliceable || file.size <= CHUNK_BYTES) return new Uint8Array(await file.arrayBuffer());
  const out = new Uint8Array(file.size);
  for (let at = 0; at < file.size; at += CHUNK_BYTES) {
    const end = Math.min(file.size, at + CHUNK_BYTES);
    out.set(new Uint8Array(await (file as Sliceable).slice(at, end).arrayBuffer()), at);
    onBytes(end, file.size);
  }
  return out;
}

/** A FileSource over a message's input; `onBytes` hears how far reading a big file has come. */
export async function sourceOf(input: ImportInput, onBytes?: (name: string, done: number, total: number) => void): Promise<FileSource> {
  const bytes = (file: BlobFile, name: string) => readInChunks(file, onBytes && ((done, total) => onBytes(name, done, total)));
  if (input.kind === 'zip') return zipSource(await bytes(input.file, input.label), input.label);
  return fileListSource(
    input.files.map(({ path, file }) => ({ path, size: file.size, read: () => bytes(file, path.slice(path.lastIndexOf('/') + 1)) })),
    input.label,
  );
}

/** The distinct buffers under a model's weights, to transfer rather than copy them. */
function weightBuffers(weights: readonly { data: Float32Array }[]): ArrayBuffer[] {
  return [...new Set(weights.map((w) => w.data.buffer as ArrayBuffer))];
}

/**
 * The handler: `post` sends a message (with a transfer list for the dataset's buffers); `decoder` is the
 * browser's JPEG decoder when the worker has one.
 */
export function createImportHandler(deps: { post: (message: FromImportWorker, transfer?: Transferable[]) => void; decoder?: () => ImageDecoder | undefined; now?: () => number }) {
  const now = deps.now ?? (() => Date.now());
  return async (message: ToImportWorker): Promise<void> => {
    const { id } = message;
    let last = -Infinity;
    const onProgress = (done: number, total: number, phase: string) => {
      if (done < total && now() - last < 100) return;
      last = now();
      deps.post({ type: 'progress', id, done, total, phase });
    };
    try {
      if (message.type === 'importModel') {
        const source = await sourceOf(message.input, (name, done, total) => onProgress(done, total, `Reading ${name} (${Math.round(total / 2 ** 20)} MB)`));
        const model = await importModel(source, { onProgress: (phase, done, total) => onProgress(done, total, phase) });
        deps.post({ type: 'model', id, model }, weightBuffers(model.weights));
        return;
      }
      const source = await sourceOf(message.input);
      const decoder = deps.decoder?.();
      if (message.type === 'inspect') {
        const report = await inspectSource(source, { quick: true, decoder, onProgress });
        deps.post({ type: 'inspected', id, report });
      } else {
        const { dataset, report } = await importDataset(source, { ...message.options, decoder, onProgress });
        const transfer: Transferable[] = [dataset.images.buffer as ArrayBuffer];
        if (dataset.masks) transfer.push(dataset.masks.buffer as ArrayBuffer);
        deps.post({ type: 'imported', id, dataset, report }, transfer);
      }
    } catch (e) {
      deps.post({ type: 'failed', id, message: e instanceof Error ? e.message : String(e) });
    }
  };
}
