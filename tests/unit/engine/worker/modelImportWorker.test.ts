/**
 * Trained models imported in the import worker (issue 17: a model file of tens of MB must not freeze the
 * page): ImportClient.importModel over an in-process fake Worker whose other side is the real handler
 * (messages structured-cloned as postMessage does) gives what importModel gives in this thread, with
 * progress; big files are read in chunks that report their bytes; Cancel ends a request that never answers.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fileListSource } from '@/engine/datasets/import/source';
import { importModel } from '@/engine/import';
import { ImportCancelled, ImportClient, type ImportWorkerLike } from '@/engine/worker/importClient';
import { readInChunks } from '@/engine/worker/importHandler';
import type { ImportInput } from '@/engine/worker/importProtocol';
import { fakeImportWorker } from './fakeImportWorker';

const MODELS = fileURLToPath(new URL('../../../fixtures/models/', import.meta.url));

/** The fake import worker with a clock that steps 1 s a call (every progress message is posted). */
const steppedWorker = (opts: { silent?: boolean; made?: ImportWorkerLike[] } = {}) => fakeImportWorker({ ...opts, steppedClock: true });

const fileOf = (path: string) => new File([Uint8Array.from(readFileSync(MODELS + path)).buffer], path.slice(path.lastIndexOf('/') + 1));
const tfjsFolder = (): Extract<ImportInput, { kind: 'files' }> => ({
  kind: 'files',
  label: 'tfjs-skin',
  files: ['model.json', 'group1-shard1of2.bin', 'group1-shard2of2.bin'].map((name) => ({ path: `tfjs-skin/${name}`, file: fileOf(`tfjs-skin/${name}`) })),
});

describe('model import in the import worker', () => {
  it('a tfjs folder: the same graph and weights as in this thread, with each phase reported', async () => {
    const phases: string[] = [];
    const model = await new ImportClient(steppedWorker()).importModel(tfjsFolder(), (_d, _t, phase) => phases.push(phase));
    const input = tfjsFolder();
    const here = await importModel(fileListSource(input.files.map(({ path, file }) => ({ path, size: file.size, read: async () => new Uint8Array(await file.arrayBuffer()) }))));
    expect(model.doc).toEqual(here.doc);
    expect(model.summary).toEqual(here.summary);
    expect(model.weights.map((w) => [w.name, w.shape])).toEqual(here.weights.map((w) => [w.name, w.shape]));
    model.weights.forEach((w, i) => expect(Array.from(w.data)).toEqual(Array.from(here.weights[i].data)));
    expect(phases).toContain('Reading weight files');
    expect(phases.at(-1)).toBe('Building the graph');
  });

  it('an ONNX file and a Keras .h5 load their readers inside the worker', async () => {
    const client = new ImportClient(steppedWorker());
    const onnx = await client.importModel({ kind: 'files', label: 'classifier.onnx', files: [{ path: 'classifier.onnx', file: fileOf('onnx/classifier.onnx') }] });
    expect(onnx.summary).toMatchObject({ format: 'onnx', layers: 8, imported: 8 });
    const h5 = await client.importModel({ kind: 'files', label: 'legacy.h5', files: [{ path: 'legacy.h5', file: fileOf('keras/legacy.h5') }] });
    expect(h5.summary).toMatchObject({ format: 'keras-h5', imported: 8 });
  });

  it('a file that is not a model fails with the importer message', async () => {
    const junk = new File([new Uint8Array(64).fill(7).buffer], 'model.onnx');
    await expect(new ImportClient(steppedWorker()).importModel({ kind: 'files', label: 'model.onnx', files: [{ path: 'model.onnx', file: junk }] })).rejects.toThrow(/model\.onnx|damaged|not a model/);
  });

  it('reads a big file in 4 MB chunks, reporting the bytes, into the same bytes', async () => {
    const bytes = new Uint8Array(10 * 2 ** 20);
    for (let i = 0; i < bytes.length; i += 4093) bytes[i] = i % 251;
    const seen: [number, number][] = [];
    const read = await readInChunks(new File([bytes.buffer], 'big.h5'), (done, total) => seen.push([done, total]));
    const M = 2 ** 20;
    expect(seen).toEqual([
      [4 * M, 10 * M],
      [8 * M, 10 * M],
      [10 * M, 10 * M],
    ]);
    expect(Buffer.from(read).equals(Buffer.from(bytes))).toBe(true);
  });

  it('Cancel ends an import that never answers and terminates its worker', async () => {
    const made: ImportWorkerLike[] = [];
    const client = new ImportClient(steppedWorker({ silent: true, made }));
    const stuck = client.importModel(tfjsFolder());
    client.cancel();
    await expect(stuck).rejects.toBeInstanceOf(ImportCancelled);
    expect(made[0].terminate).toHaveBeenCalled();
  });
});
