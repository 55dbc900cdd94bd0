import type { NamedTensor } from '@/engine/export/tensor';
import { NODE_TYPES, type NodeType } from '@/graph/types';
import type { ImportedWeights } from '../store/modelImportSlice';

/**
 * The imported model's weights in this browser's IndexedDB, so they survive a reload with the autosaved graph
 * (localStorage holds the graph; weights can be tens of MB, far past its few MB). One record, the last import
 * opened; it is replaced by the next import and read back at start. Nothing leaves the machine.
 */

/** Database and store names (versioned like the autosave key: a new layout gets a new record version). */
export const WEIGHTS_DB = 'convas';
export const WEIGHTS_STORE = 'importedWeights';
const RECORD_KEY = 'last';
const RECORD_VERSION = 1;

/** What is stored: the weights as Float32Arrays (IndexedDB keeps typed arrays as they are). */
interface StoredRecord {
  version: number;
  label: string;
  nodes: Record<string, string>;
  weights: { name: string; shape: number[]; data: Float32Array }[];
  savedAt: number;
}

/** Bytes the weights take (float32). */
export function weightsBytes(weights: readonly NamedTensor[]): number {
  return weights.reduce((n, w) => n + w.data.length * 4, 0);
}

const megabytes = (bytes: number) => (bytes < 2 ** 20 ? `${Math.max(1, Math.round(bytes / 1024))} kB` : `${(bytes / 2 ** 20).toFixed(1)} MB`);

/**
 * What to tell people when the weights cannot be stored: the weights stay for this visit either way, and the
 * way to keep them is an export with weights.
 */
export function storageErrorMessage(error: unknown, bytes: number): string {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  const keep = 'They stay until this page is closed; to keep them, export the model with its weights (File > Export code…, Ctrl+E).';
  if (name === 'QuotaExceededError') {
    return `The imported weights (${megabytes(bytes)}) do not fit in the storage this browser gives Convas, so they will not survive a reload. ${keep} Freeing space (site data in the browser settings) lets them be stored.`;
  }
  const detail = error instanceof Error && error.message ? ` (${error.message})` : '';
  return `This browser does not let Convas store the imported weights on this computer${detail}, for example in a private window. ${keep}`;
}

/** A stored record as imported weights, or null when it does not validate (an older layout, damage). */
export function readStoredRecord(raw: unknown): ImportedWeights | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Partial<StoredRecord>;
  if (r.version !== RECORD_VERSION || typeof r.label !== 'string' || typeof r.nodes !== 'object' || r.nodes === null || !Array.isArray(r.weights)) return null;
  const nodes: Record<string, NodeType> = {};
  for (const [id, type] of Object.entries(r.nodes)) {
    if (!(NODE_TYPES as readonly string[]).includes(type)) return null;
    nodes[id] = type as NodeType;
  }
  const weights: NamedTensor[] = [];
  for (const w of r.weights) {
    if (typeof w?.name !== 'string' || !Array.isArray(w.shape) || !(w.data instanceof Float32Array)) return null;
    if (!w.shape.every((d) => Number.isInteger(d) && d >= 0)) return null;
    if (w.shape.reduce((a, b) => a * b, 1) !== w.data.length) return null;
    weights.push({ name: w.name, shape: [...w.shape], data: w.data });
  }
  return { label: r.label, nodes, weights };
}

function storedRecord(weights: ImportedWeights): StoredRecord {
  return { version: RECORD_VERSION, label: weights.label, nodes: weights.nodes, weights: weights.weights.map((w) => ({ name: w.name, shape: [...w.shape], data: w.data })), savedAt: Date.now() };
}

/** Opens (creating on first use) the database. Rejects where IndexedDB is missing or blocked. */
function openDb(idb: IDBFactory | null | undefined): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    if (!idb) {
      reject(new Error('IndexedDB is not available'));
      return;
    }
    let request: IDBOpenDBRequest;
    try {
      request = idb.open(WEIGHTS_DB, 1);
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    request.onupgradeneeded = () => {
      if (!request.result.objectStoreNames.contains(WEIGHTS_STORE)) request.result.createObjectStore(WEIGHTS_STORE);
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB could not be opened'));
    request.onblocked = () => reject(new Error('another Convas tab holds an older version of its storage open'));
  });
}

/** Runs one request in a transaction and resolves once the transaction commits (so a write is on disk). */
async function inStore<T>(idb: IDBFactory | null | undefined, mode: IDBTransactionMode, run: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await openDb(idb);
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(WEIGHTS_STORE, mode);
      const request = run(tx.objectStore(WEIGHTS_STORE));
      tx.oncomplete = () => resolve(request.result);
      // A full disk surfaces as the transaction's QuotaExceededError, not the request's.
      tx.onabort = () => reject(tx.error ?? request.error ?? new Error('the write was abandoned'));
      tx.onerror = () => undefined;
    });
  } finally {
    db.close();
  }
}

/** The stored imported weights: null when there are none or they no longer validate; rejects where storage is unavailable. */
export async function loadImportedWeights(idb: IDBFactory | null | undefined): Promise<ImportedWeights | null> {
  return readStoredRecord(await inStore<unknown>(idb, 'readonly', (store) => store.get(RECORD_KEY)));
}

/** Stores (replacing) the imported weights, or removes them for null. Rejects with the browser's error (quota, blocked). */
export async function saveImportedWeights(idb: IDBFactory | null | undefined, weights: ImportedWeights | null): Promise<void> {
  await inStore<unknown>(idb, 'readwrite', (store) => (weights ? store.put(storedRecord(weights), RECORD_KEY) : store.delete(RECORD_KEY)) as IDBRequest<unknown>);
}
