/**
 * The UI's way to the import worker: one request at a time, a promise per request, progress through a
 * callback, and `cancel()`, which terminates the worker (the only stop that also ends a decode stuck in a
 * hostile file); the next request starts a fresh worker.
 *
 * @example
 * const client = new ImportClient();
 * const report = await client.inspect({ kind: 'zip', label: file.name, file }, (done, total) => show(done, total));
 * const { dataset } = await client.import(input, { taskId, size: 64, channels: 3 });
 */
import type { Dataset, Progress } from '../datasets/types';
import type { InspectReport } from '../datasets/import/report';
import type { ImportedModel } from '../import/types';
import type { FromImportWorker, ImportInput, ImportTargetOptions, ToImportWorker } from './importProtocol';

/** The Worker surface the client uses (a real Worker, or a fake in tests). */
export interface ImportWorkerLike {
  postMessage(message: ToImportWorker): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<FromImportWorker>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

/** A module worker running engine/worker/importWorker.ts (bundlers emit it as its own chunk). */
export function createImportWorker(): ImportWorkerLike {
  return new Worker(new URL('./importWorker.ts', import.meta.url), { type: 'module', name: 'convas-import' }) as unknown as ImportWorkerLike;
}

/** The rejection of a request that `cancel()` ended. */
export class ImportCancelled extends Error {
  constructor() {
    super('The import was cancelled.');
    this.name = 'ImportCancelled';
  }
}

interface Pending {
  id: number;
  resolve: (message: FromImportWorker) => void;
  reject: (error: Error) => void;
  onProgress?: Progress;
}

export class ImportClient {
  private worker: ImportWorkerLike | null = null;
  private pending: Pending | null = null;
  private nextId = 1;

  constructor(private readonly factory: () => ImportWorkerLike = createImportWorker) {}

  /** Recognises the dataset and reads its image headers. */
  async inspect(input: ImportInput, onProgress?: Progress): Promise<InspectReport> {
    const reply = await this.request((id) => ({ type: 'inspect', id, input }), onProgress);
    if (reply.type !== 'inspected') throw new Error('The import worker answered out of turn.');
    return reply.report;
  }

  /** Reads every image into a dataset at the target size. */
  async import(input: ImportInput, options: ImportTargetOptions, onProgress?: Progress): Promise<{ dataset: Dataset; report: InspectReport }> {
    const reply = await this.request((id) => ({ type: 'import', id, input, options }), onProgress);
    if (reply.type !== 'imported') throw new Error('The import worker answered out of turn.');
    return { dataset: reply.dataset, report: reply.report };
  }

  /** Reads a trained model (engine/import) from a model folder's files, a model file or a .zip. */
  async importModel(input: ImportInput, onProgress?: Progress): Promise<ImportedModel> {
    const reply = await this.request((id) => ({ type: 'importModel', id, input }), onProgress);
    if (reply.type !== 'model') throw new Error('The import worker answered out of turn.');
    return reply.model;
  }

  /** True while a request runs. */
  get busy(): boolean {
    return this.pending !== null;
  }

  /** Ends the running request (its promise rejects with ImportCancelled) and the worker with it. */
  cancel(): void {
    const pending = this.pending;
    this.stopWorker();
    pending?.reject(new ImportCancelled());
  }

  /** Ends the worker; a later request starts a new one. */
  dispose(): void {
    this.cancel();
  }

  private stopWorker(): void {
    this.worker?.terminate();
    this.worker = null;
    this.pending = null;
  }

  private ensureWorker(): ImportWorkerLike {
    if (this.worker) return this.worker;
    const worker = this.factory();
    worker.onmessage = (event) => {
      const message = event.data;
      const pending = this.pending;
      if (!pending || message.id !== pending.id) return;
      if (message.type === 'progress') return pending.onProgress?.(message.done, message.total, message.phase);
      this.pending = null;
      if (message.type === 'failed') pending.reject(new Error(message.message));
      else pending.resolve(message);
    };
    worker.onerror = (event) => {
      // The worker died (its script failed, or it ran out of memory): fail the request, start afresh next time.
      const pending = this.pending;
      this.stopWorker();
      pending?.reject(new Error(`The import stopped: ${event.message || 'the import worker failed'}.`));
    };
    this.worker = worker;
    return worker;
  }

  private request(make: (id: number) => ToImportWorker, onProgress?: Progress): Promise<FromImportWorker> {
    if (this.pending) this.cancel();
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise<FromImportWorker>((resolve, reject) => {
      this.pending = { id, resolve, reject, onProgress };
      worker.postMessage(make(id));
    });
  }
}
