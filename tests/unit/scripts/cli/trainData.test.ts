/**
 * `convas train --data`: a real dataset layout read by the app's importers at the graph's Input size, its own
 * Testing/ split as the test set, and exit code 2 with a clear message for a missing folder, an unknown
 * layout or data of another task. The layouts are built here from small PNGs (the importers decode by
 * content), so these tests need nothing outside the repository.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { run } from '../../../../scripts/cli/train';
import { inputShapeOf } from '../../../../scripts/cli/trainData';
import { DEFAULT_DATA_SIZE, parseDocument } from '../../../../graph/document';
import { capture, scratchDirs } from './harness';

const scratch = scratchDirs('convas-train-data-');

async function png(path: string, size: number, value: number): Promise<void> {
  const image = new PNG({ width: size, height: size });
  for (let i = 0; i < size * size; i++) image.data.set([value, (value + i) % 256, 255 - value, 255], i * 4);
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, PNG.sync.write(image));
}

/** Brain Tumor MRI's layout: Training/ and Testing/ with the four class folders, `train` and `test` images per class. */
async function brainLayout(dir: string, train: number, test: number): Promise<void> {
  const classes = ['glioma', 'meningioma', 'notumor', 'pituitary'];
  for (const [split, n] of [['Training', train], ['Testing', test]] as const)
    for (const [k, c] of classes.entries()) for (let i = 0; i < n; i++) await png(join(dir, split, c, `${c}_${i}.png`), 40, 30 + 50 * k + i);
}

/** A graph document file for `task` with an Input of size x size x channels. */
async function graphFile(dir: string, fixture: string, task: { id: string; maskMode?: 'binary' }, size: number, channels: number): Promise<string> {
  const parsed = parseDocument(await readFile(`tests/fixtures/graphs/${fixture}.json`, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error);
  const doc = parsed.doc;
  doc.task = task;
  for (const n of doc.nodes) if (n.type === 'Input') n.params = { ...n.params, height: size, width: size, channels };
  const path = join(dir, `${fixture}-${task.id}.json`);
  await writeFile(path, JSON.stringify(doc));
  return path;
}

describe('convas train --data', () => {
  it('trains on a Brain Tumor MRI layout at the Input\'s size, with its Testing/ folder as the test set', async () => {
    const dir = await scratch();
    await brainLayout(join(dir, 'data'), 6, 2);
    const graph = await graphFile(dir, 'first-cnn', { id: 'brain-mri-classify' }, 32, 1);
    const { io, out, err } = capture();
    expect(await run(['--graph', graph, '--data', join(dir, 'data'), '--epochs', '1', '--batch', '8', '--json'], io), err.join('\n')).toBe(0);
    const events = out.map((l) => JSON.parse(l) as { type: string; splits?: { train: number; validation: number; test: number }; test?: { images: number } });
    const start = events.find((e) => e.type === 'start');
    // 8 Testing images are the test set; the 24 Training images give validation (15 %) and training.
    expect(start?.splits?.test).toBe(8);
    expect((start?.splits?.train ?? 0) + (start?.splits?.validation ?? 0)).toBe(24);
    expect(start?.splits?.validation).toBeGreaterThan(0);
    expect(events.at(-1)).toMatchObject({ type: 'done', reason: 'completed', test: { images: 8 } });
  });

  it('prints what it read in the human report', async () => {
    const dir = await scratch();
    await brainLayout(join(dir, 'data'), 3, 1);
    const graph = await graphFile(dir, 'first-cnn', { id: 'brain-mri-classify' }, 32, 1);
    const { io, out } = capture();
    expect(await run(['--graph', graph, '--data', join(dir, 'data'), '--epochs', '1', '--batch', '4'], io)).toBe(0);
    expect(out.join('\n')).toMatch(/^Read 16 images \(brain-tumor-mri\) from /m);
    expect(out.join('\n')).toMatch(/^Test \(4 images\)/m);
  });

  it.for([
    ['a missing folder', async (): Promise<string> => '/no/such/folder', /--data \/no\/such\/folder: no such folder or file/],
    [
      'an unknown layout',
      async (): Promise<string> => {
        const dir = await scratch();
        await writeFile(join(dir, 'notes.txt'), 'not a dataset');
        return dir;
      },
      /No known dataset layout found in .* Looked for:/s,
    ],
    [
      'a segmentation graph on classification data',
      async (): Promise<string> => {
        const dir = await scratch();
        await brainLayout(dir, 1, 1);
        return dir;
      },
      /brain-tumor-mri is classification data; task brain-mri-segment is segmentation/,
    ],
  ] as const)('exits with 2 and says why for %s', async ([, data, message]) => {
    const dir = await scratch();
    const graph = await graphFile(dir, 'unet-concat', { id: 'brain-mri-segment', maskMode: 'binary' }, 32, 1);
    const { io, err } = capture();
    expect(await run(['--graph', graph, '--data', await data(), '--epochs', '1'], io)).toBe(2);
    expect(err.join('\n')).toMatch(message);
  });

  it('reads the Input\'s size and channels from the graph, and the app\'s default image count is the CLI\'s', async () => {
    const dir = await scratch();
    const graph = await graphFile(dir, 'first-cnn', { id: 'skin-lesions' }, 28, 3);
    const parsed = parseDocument(await readFile(graph, 'utf8'));
    if (!parsed.ok) throw new Error(parsed.error);
    expect(inputShapeOf(parsed.doc)).toEqual([28, 28, 3]);
    // Without --count the generated data has the app's default number of images.
    const { io, out } = capture();
    expect(await run(['--graph', 'tests/fixtures/graphs/resnet-add.json', '--epochs', '1', '--size', '8', '--batch', '64', '--json'], io)).toBe(0);
    const start = out.map((l) => JSON.parse(l) as { type: string; splits?: { train: number; validation: number; test: number } }).find((e) => e.type === 'start');
    const s = start?.splits ?? { train: 0, validation: 0, test: 0 };
    expect(s.train + s.validation + s.test).toBe(DEFAULT_DATA_SIZE);
  });
});
