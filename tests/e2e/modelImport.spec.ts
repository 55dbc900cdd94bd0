import { expect, test, type Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expectNoAxeViolations } from './axe';
import { expectRunDone, setQuickRun } from './quickRun';

/**
 * Model import in real Chromium (issue 17): a TensorFlow.js model (tests/fixtures/models/tfjs-skin, made by
 * makeTfjs.ts) chosen through File > Import model…, its summary, opened on the canvas, trained one epoch from
 * its weights and exported again with the trained weights (and, before training and after a reload, with the
 * imported weights as they are); and a model dropped on the canvas.
 * Screenshots go to test-results/model-import/.
 */

const SHOTS = 'test-results/model-import';
const MODEL = fileURLToPath(new URL('../fixtures/models/tfjs-skin/', import.meta.url));
const FILES = ['model.json', 'group1-shard1of2.bin', 'group1-shard2of2.bin'];

async function openEditor(page: Page) {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(page.locator('[data-testid="node-card"][data-node-type="Input"]')).toBeVisible();
}

test('File > Import model…: summary, open, train one epoch from the weights, export again', async ({ page }) => {
  test.setTimeout(180_000);
  await openEditor(page);
  await page.getByTestId('file-menu').click();
  await page.getByTestId('menu-import-model').click();
  const dialog = page.getByTestId('model-import-dialog');
  await expect(dialog).toBeVisible();
  await expectNoAxeViolations(page, 'the model import dialog', '[data-testid="model-import-dialog"]');
  await page.screenshot({ path: `${SHOTS}/choose.png` });
  await dialog.getByTestId('model-import-files-input').setInputFiles(FILES.map((f) => MODEL + f));
  await expect(dialog.getByTestId('model-import-summary')).toBeVisible();
  await expect(dialog.getByTestId('model-import-layers')).toHaveText('7 of 7 imported, as 7 nodes');
  await expect(dialog.getByTestId('model-import-weights')).toContainText('4 of 4 weighted layers');
  await expect(dialog).toContainText('Skin lesions');
  await expectNoAxeViolations(page, 'the model import summary', '[data-testid="model-import-dialog"]');
  await page.screenshot({ path: `${SHOTS}/summary.png` });
  await dialog.getByTestId('model-import-open').click();
  await expect(dialog).toBeHidden();

  const cards = page.locator('[data-testid="node-card"]');
  await expect(cards).toHaveCount(7);
  await expect(page.locator('[data-testid="node-card"][data-node-type="Conv2D"]')).toHaveCount(2);
  await expect(page.getByTestId('problems-pill')).toHaveAttribute('data-errors', '0');
  await page.screenshot({ path: `${SHOTS}/canvas.png` });

  // Before any training, the export takes the imported weights as they are, value for value.
  await expectImportedExport(page, 'before-training');

  // Freeze the first convolution: it keeps what the model learned while the rest fine-tunes.
  await page.locator('[data-testid="node-card"][data-node-name="conv_a"]').click();
  await page.getByTestId('inspector-frozen').check();
  await expect(page.locator('[data-testid="node-card"][data-node-name="conv_a"]').getByTestId('node-frozen')).toHaveText('frozen');
  await expect(page.getByTestId('node-frozen')).toHaveCount(1);
  await page.screenshot({ path: `${SHOTS}/frozen.png` });

  await setQuickRun(page, { epochs: 1 });
  await page.getByTestId('train-button').click();
  await expectRunDone(page, 120_000);

  await page.keyboard.press('Control+e');
  const exporter = page.getByTestId('export-dialog');
  await expect(exporter.getByTestId('export-weights-note')).toHaveAttribute('data-weights', 'trained', { timeout: 20_000 });
  await exporter.getByTestId('export-tab-tfjs').click();
  await expect(exporter.getByTestId('export-file')).toHaveText([/^model\.js/, /^model\.json/, /^weights\.bin/, /^README\.md/]);
  const [download] = await Promise.all([page.waitForEvent('download'), exporter.getByTestId('export-download').click()]);
  const entries = unzipSync(new Uint8Array(readFileSync(await download.path())));
  const json = JSON.parse(strFromU8(entries['model.json'])) as {
    modelTopology: { config: { layers: { config: { name: string; trainable: boolean } }[] } };
    weightsManifest: { weights: { name: string; shape: number[] }[] }[];
  };
  // The imported layer names survive the round trip (the Input is Convas' own); only conv_a is frozen.
  expect(json.modelTopology.config.layers.map((l) => l.config.name).slice(1)).toEqual(['conv_a', 'bn_a', 'pool_a', 'conv_b', 'gap', 'classes']);
  expect(json.modelTopology.config.layers.slice(1).filter((l) => !l.config.trainable).map((l) => l.config.name)).toEqual(['conv_a']);
  // conv_a (8*3*3*3 + 8), bn_a (4*8), conv_b (8*3*3*8 + 8), classes (8*7 + 7): float32 each.
  expect(entries['weights.bin'].length).toBe((224 + 32 + 584 + 63) * 4);
  // Training started from the imported weights: one epoch at Adam's 0.001 moves each value of conv_b's kernel
  // by about 0.01 at most, while a fresh Glorot initialisation would differ from them by about 0.3 on average.
  // The frozen conv_a did not move at all. (Both files are read by their manifests' names: tfjs saves the
  // trainable weights first, so freezing conv_a moves it to the end.)
  const source = JSON.parse(readFileSync(MODEL + FILES[0], 'utf8')) as typeof json;
  const imported = byName(source.weightsManifest, Buffer.concat([readFileSync(MODEL + FILES[1]), readFileSync(MODEL + FILES[2])]));
  const trained = byName(json.weightsManifest, entries['weights.bin']);
  expect(Array.from(trained['conv_a/kernel'])).toEqual(Array.from(imported['conv_a/kernel']));
  expect(Array.from(trained['conv_a/bias'])).toEqual(Array.from(imported['conv_a/bias']));
  let drift = 0;
  imported['conv_b/kernel'].forEach((v, i) => (drift = Math.max(drift, Math.abs(v - trained['conv_b/kernel'][i]))));
  expect(drift).toBeLessThan(0.05);
  expect(drift).toBeGreaterThan(0);
  await page.keyboard.press('Escape');

  // After a reload the graph comes back from the autosave and the imported weights from this browser's
  // storage: training starts from them again and the export offers them (the run's weights are gone).
  await page.reload();
  await expect(cards).toHaveCount(7);
  await expect(page.getByTestId('node-frozen')).toHaveCount(1);
  await expectImportedExport(page, 'after-reload');
});

/** The float32 tensors of a tfjs weights file, by manifest name. */
function byName(manifest: { weights: { name: string; shape: number[] }[] }[], bytes: Uint8Array): Record<string, Float32Array> {
  const all = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const out: Record<string, Float32Array> = {};
  let at = 0;
  for (const w of manifest.flatMap((g) => g.weights)) {
    const n = w.shape.reduce((a, b) => a * b, 1);
    out[w.name] = all.subarray(at, at + n);
    at += n;
  }
  expect(at).toBe(all.length);
  return out;
}

/** The tfjs export with "weights: imported": every tensor of the source's shards, value for value, in weights.bin. */
async function expectImportedExport(page: Page, shot: string) {
  await page.keyboard.press('Control+e');
  const exporter = page.getByTestId('export-dialog');
  const note = exporter.getByTestId('export-weights-note');
  await expect(note).toHaveAttribute('data-weights', 'imported', { timeout: 20_000 });
  await expect(note).toContainText('Imported weights included, as read from model.json and 2 more files (not trained here): 4 layers.');
  await exporter.getByTestId('export-tab-tfjs').click();
  await expect(exporter.getByTestId('export-file')).toHaveText([/^model\.js/, /^model\.json/, /^weights\.bin/, /^README\.md/]);
  await page.screenshot({ path: `${SHOTS}/export-imported-${shot}.png` });
  const [download] = await Promise.all([page.waitForEvent('download'), exporter.getByTestId('export-download').click()]);
  const entries = unzipSync(new Uint8Array(readFileSync(await download.path())));
  const manifest = (file: Uint8Array | Buffer) => (JSON.parse(strFromU8(new Uint8Array(file))) as { weightsManifest: { weights: { name: string; shape: number[] }[] }[] }).weightsManifest;
  const source = byName(manifest(readFileSync(MODEL + FILES[0])), Buffer.concat([readFileSync(MODEL + FILES[1]), readFileSync(MODEL + FILES[2])]));
  const exported = byName(manifest(entries['model.json']), entries['weights.bin']);
  expect(Object.keys(exported).sort()).toEqual(Object.keys(source).sort());
  for (const name of Object.keys(source)) expect(Array.from(exported[name]), name).toEqual(Array.from(source[name]));
  await page.keyboard.press('Escape');
  await expect(exporter).toBeHidden();
}

test('a model dropped on the canvas opens the import with its summary; a bad one says why', async ({ page }) => {
  await openEditor(page);
  const before = await page.locator('[data-testid="node-card"]').count();
  const payload = FILES.map((name) => ({ name, bytes: [...readFileSync(MODEL + name)] }));
  const drop = (files: { name: string; bytes: number[] }[]) =>
    page.evaluate((list) => {
      const data = new DataTransfer();
      for (const f of list) data.items.add(new File([new Uint8Array(f.bytes)], f.name));
      const target = document.querySelector('[data-testid="canvas-area"] .react-flow') as HTMLElement;
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, files);
  await drop(payload);
  const dialog = page.getByTestId('model-import-dialog');
  await expect(dialog.getByTestId('model-import-layers')).toHaveText('7 of 7 imported, as 7 nodes');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  // Nothing changed: the default graph is still there.
  await expect(page.locator('[data-testid="node-card"]')).toHaveCount(before);

  // Without its second shard the model cannot be read, and the dialog says which file is missing.
  await drop(payload.slice(0, 2));
  await expect(dialog.getByTestId('model-import-error')).toContainText('group1-shard2of2.bin');
  await page.screenshot({ path: `${SHOTS}/error.png` });
});

test('an ONNX file and Keras .h5 / .keras files import in the browser too (their readers load on demand)', async ({ page }) => {
  await openEditor(page);
  const fixtures = fileURLToPath(new URL('../fixtures/models/', import.meta.url));
  const cases = [
    { file: 'onnx/classifier.onnx', layers: '8 of 8 imported, as 8 nodes', format: 'ONNX model' },
    { file: 'keras/legacy.h5', layers: '8 of 8 imported, as 8 nodes', format: 'Keras HDF5 (.h5) file' },
    { file: 'keras/seq.keras', layers: '5 of 5 imported, as 5 nodes', format: 'Keras v3 .keras file' },
  ];
  for (const c of cases) {
    await page.getByTestId('file-menu').click();
    await page.getByTestId('menu-import-model').click();
    const dialog = page.getByTestId('model-import-dialog');
    await dialog.getByTestId('model-import-files-input').setInputFiles(fixtures + c.file);
    await expect(dialog.getByTestId('model-import-layers')).toHaveText(c.layers);
    await expect(dialog).toContainText(c.format);
    await expect(dialog.getByTestId('model-import-unsupported')).toHaveCount(0);
    await dialog.getByTestId('model-import-open').click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('problems-pill')).toHaveAttribute('data-errors', '0');
  }
  await page.screenshot({ path: `${SHOTS}/keras-canvas.png` });
});

test('a browser whose storage is full or blocked: the import says the weights will not survive a reload, and they still export', async ({ browser, baseURL }) => {
  // A full disk, as IndexedDB reports it; and a private window where IndexedDB refuses to open.
  const cases = [
    {
      name: 'full',
      script: () => {
        IDBObjectStore.prototype.put = function () {
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        };
      },
      message: /The imported weights \(\d+ kB\) do not fit in the storage this browser gives Convas, so they will not survive a reload/,
    },
    {
      name: 'blocked',
      script: () => {
        IDBFactory.prototype.open = function () {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        };
      },
      message: /This browser does not let Convas store the imported weights on this computer \(The operation is insecure\.\)/,
    },
  ];
  for (const c of cases) {
    const context = await browser.newContext({ baseURL, serviceWorkers: 'block', acceptDownloads: true });
    const tab = await context.newPage();
    await tab.addInitScript(c.script);
    await openEditor(tab);
    await tab.getByTestId('file-menu').click();
    await tab.getByTestId('menu-import-model').click();
    const dialog = tab.getByTestId('model-import-dialog');
    await dialog.getByTestId('model-import-files-input').setInputFiles(FILES.map((f) => MODEL + f));
    await dialog.getByTestId('model-import-open').click();
    await expect(tab.getByTestId('toast').filter({ hasText: c.message })).toBeVisible();
    await expect(tab.getByTestId('toast').filter({ hasText: c.message })).toContainText('export the model with its weights');
    if (c.name === 'full') await tab.screenshot({ path: `${SHOTS}/storage-full.png` });
    // Nothing is lost for this visit: the export still has the imported weights.
    await expectImportedExport(tab, `storage-${c.name}`);
    await context.close();
  }
});
