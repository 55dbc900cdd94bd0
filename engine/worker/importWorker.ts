/**
 * The import web worker's entry: wires `self` to the import handler. Reading and decoding a dataset runs
 * here, so a slow or hostile file never blocks the page, and Cancel can end it by terminating the worker.
 * The UI reaches it only through ImportClient (./importClient.ts).
 */
import { bitmapDecoder } from '../datasets/import/decode/bitmap';
import type { FromImportWorker, ToImportWorker } from './importProtocol';
import { createImportHandler } from './importHandler';

/** The parts of DedicatedWorkerGlobalScope used here (the project's TS lib types `self` as a Window). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<ToImportWorker>) => void) | null;
  postMessage(message: FromImportWorker, transfer?: Transferable[]): void;
}

const scope = self as unknown as WorkerScope;

/** The browser's JPEG decoder when this worker has createImageBitmap and OffscreenCanvas, else the built-in ones. */
function decoder() {
  try {
    return typeof createImageBitmap === 'function' && typeof OffscreenCanvas === 'function' ? bitmapDecoder() : undefined;
  } catch {
    return undefined;
  }
}

const handle = createImportHandler({ post: (message, transfer) => scope.postMessage(message, transfer ?? []), decoder });

scope.onmessage = (event) => {
  void handle(event.data);
};
