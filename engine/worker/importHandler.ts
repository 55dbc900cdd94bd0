/**
 * The import worker's logic, apart from `self` so tests run it in Node: builds a FileSource from the
 * message's files or zip, inspects (headers only) or imports, and posts progress (at most every 100 ms)
 * and the result. Every failure becomes a `failed` message with its reason; a file over the decode budget
 * is skipped inside the import and listed in the report, as everywhere else.
 */
import { importDataset } from '../datasets/import/importDataset';
import { inspectSource } from '../datasets/import/inspect';
import { type FileSource, fileListSource, zipSource } from '../datasets/import/source';
import type { ImageDecoder } from '../datasets/import/decode/types';
import type { FromImportWorker, ImportInput, ToImportWorker } from './importProtocol';

/** A FileSource over a message's input. */
export async function sourceOf(input: ImportInput): Promise<FileSource> {
  if (input.kind === 'zip') return zipSource(new Uint8Array(await input.file.arrayBuffer()), input.label);
  return fileListSource(
    input.files.map(({ path, file }) => ({ path, size: file.size, read: async () => new Uint8Array(await file.arrayBuffer()) })),
    input.label,
  );
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
