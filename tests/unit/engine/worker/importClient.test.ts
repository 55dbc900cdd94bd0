/**
 * The import worker's handler and the UI's ImportClient (issue 13: imports leave the main thread), over an
 * in-process fake Worker that structured-clones messages as postMessage does: inspect and import with
 * progress, hostile files skipped with their reason, Cancel ending a request that never answers, and a
 * worker that dies.
 */
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ImportCancelled, ImportClient, type ImportWorkerLike } from '@/engine/worker/importClient';
import type { ImportInput } from '@/engine/worker/importProtocol';
import { encodePng } from '../../../../scripts/cli/generate';
import { jpegHeaderBomb, selfLoopTiff, zipBomb } from '../datasets/import/hostile';
import { fakeImportWorker } from './fakeImportWorker';


/** A File of these bytes (copied into a plain ArrayBuffer, which is what File's typings accept). */
const fileOf = (bytes: Uint8Array, name: string) => new File([Uint8Array.from(bytes).buffer], name);
const png = (v: number) => fileOf(encodePng(8, 8, 1, new Uint8Array(64).fill(v)), 'x.png');
const brainFiles = (): ImportInput => ({
  kind: 'files',
  label: 'brain',
  files: [
    ...['glioma', 'meningioma', 'notumor', 'pituitary'].flatMap((c, k) => [
      { path: `Training/${c}/a${k}.png`, file: png(40 * k) },
      { path: `Testing/${c}/b${k}.png`, file: png(40 * k + 10) },
    ]),
    { path: 'Training/glioma/loop.tif', file: fileOf(selfLoopTiff(), 'loop.tif') },
    { path: 'Training/glioma/huge.jpg', file: fileOf(jpegHeaderBomb(), 'huge.jpg') },
  ],
});

describe('ImportClient over the import worker', () => {
  it('inspects and imports in the worker, with progress, skipping hostile files with their reason', async () => {
    const client = new ImportClient(fakeImportWorker());
    const report = await client.inspect(brainFiles());
    expect(report.format).toBe('brain-tumor-mri');
    expect(report.images).toBe(8);
    expect(report.skipped.map((s) => s.file)).toEqual(['Training/glioma/huge.jpg', 'Training/glioma/loop.tif']);
    const progress: number[] = [];
    const { dataset, report: read } = await client.import(brainFiles(), { taskId: 'brain-mri-classify', size: 32, channels: 1 }, (done) => progress.push(done));
    expect(dataset.count).toBe(8);
    expect(dataset.images.length).toBe(8 * 32 * 32);
    expect(read.skipped).toHaveLength(2);
    expect(progress.at(-1)).toBe(10);
    expect(client.busy).toBe(false);
  });

  it('a zip bomb is refused entry by entry, and the import fails with the reasons', async () => {
    const client = new ImportClient(fakeImportWorker());
    const input: ImportInput = { kind: 'zip', label: 'bomb.zip', file: fileOf(zipBomb(4, 6 << 20), 'bomb.zip') };
    const report = await client.inspect(input);
    expect(report.skipped).toHaveLength(4);
    await expect(client.import(input, { taskId: 'brain-mri-classify', size: 32, channels: 1 })).rejects.toThrow(/No image of bomb.zip could be read .*decompression bomb/);
  });

  it('a damaged zip fails with a reason', async () => {
    const zip = zipSync({ 'a.txt': new Uint8Array(10) }).slice(0, 30);
    await expect(new ImportClient(fakeImportWorker()).inspect({ kind: 'zip', label: 'cut.zip', file: fileOf(zip, 'cut.zip') })).rejects.toThrow(/not a readable .zip archive/);
  });

  it('Cancel ends a request that never answers, terminates its worker, and the next request starts a new one', async () => {
    const made: ImportWorkerLike[] = [];
    let silent = true;
    const factory = () => fakeImportWorker({ silent, made })();
    const client = new ImportClient(factory);
    const stuck = client.inspect(brainFiles());
    expect(client.busy).toBe(true);
    client.cancel();
    await expect(stuck).rejects.toBeInstanceOf(ImportCancelled);
    expect(made[0].terminate).toHaveBeenCalled();
    silent = false;
    expect((await client.inspect(brainFiles())).images).toBe(8);
    expect(made).toHaveLength(2);
  });

  it('a worker that dies fails the request with a message', async () => {
    const made: ImportWorkerLike[] = [];
    const client = new ImportClient(() => fakeImportWorker({ silent: true, made })());
    const request = client.inspect(brainFiles());
    made[0].onerror?.({ message: 'out of memory' } as ErrorEvent);
    await expect(request).rejects.toThrow('The import stopped: out of memory.');
  });
});
