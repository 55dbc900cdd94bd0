import { expect, test, type Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expectRunDone, setQuickRun } from './quickRun';

/**
 * The Export dialog in real Chromium (issue 7): First CNN as PyTorch, Keras and TensorFlow.js code, Copy
 * and Download .zip; a graph with errors shows them linked to the node; after a short training run the
 * trained weights come back from the worker into the export. Screenshots go to test-results/export/.
 */

const SHOTS = 'test-results/export';
const FIXTURE = fileURLToPath(new URL('../fixtures/e2e/small-cnn.json', import.meta.url));

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

async function openEditor(page: Page) {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(page.locator('[data-testid="node-card"][data-node-type="Input"]')).toBeVisible();
}

async function loadFirstCnn(page: Page) {
  await page.getByTestId('templates-menu').click();
  await page.getByTestId('template-first-cnn').click();
  await expect(page.getByTestId('problems-pill')).toHaveAttribute('data-errors', '0');
}

async function openFromMenu(page: Page) {
  await page.getByTestId('file-menu').click();
  await page.getByTestId('menu-export').click();
  await expect(page.getByTestId('export-dialog')).toBeVisible();
}

/** Downloads the current tab's zip; returns its entries by path. */
async function downloadZip(page: Page): Promise<{ name: string; entries: Record<string, Uint8Array> }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), entries: unzipSync(new Uint8Array(readFileSync(path))) };
}

/** Element counts of a safetensors file's tensors, from its JSON header. */
function safetensorsValues(bytes: Uint8Array): number {
  const length = Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));
  const header = JSON.parse(strFromU8(bytes.subarray(8, 8 + length))) as Record<string, { shape?: number[] }>;
  // `__metadata__` is the one entry without a shape.
  return Object.values(header).reduce((n, t) => n + (t.shape ?? [0]).reduce((a, b) => a * b, 1), 0);
}

test('First CNN as PyTorch, Keras and TensorFlow.js: highlighted code per tab, Copy, Download .zip', async ({ page }) => {
  await openEditor(page);
  await loadFirstCnn(page);
  await openFromMenu(page);
  const dialog = page.getByTestId('export-dialog');
  const code = dialog.getByTestId('export-code');

  await expect(dialog.getByTestId('export-weights-note')).toHaveAttribute('data-weights', 'fresh');
  await expect(dialog.getByTestId('export-weights-note')).toContainText('No trained weights: the code builds the model with freshly initialised weights.');
  await expect(dialog.getByTestId('export-file')).toHaveText([/^model\.py/, /^train\.py/, /^README\.md/]);
  await expect(code).toContainText('class ');
  await expect(code).toContainText('nn.Conv2d(');
  await expect(code.locator('[data-token="keyword"]', { hasText: /^class$/ }).first()).toBeVisible();
  await expect(code.locator('[data-token="type"]', { hasText: /^Conv2d$/ }).first()).toBeVisible();
  await expect(code.locator('[data-token="comment"]').first()).toBeVisible();
  await expect(dialog.getByTestId('export-summary')).toContainText(/\d+ layers, [\d,]+ parameters/);
  await page.screenshot({ path: `${SHOTS}/pytorch.png` });

  await dialog.getByTestId('export-file').filter({ hasText: 'train.py' }).click();
  await expect(dialog.getByTestId('export-file-name')).toHaveText('train.py');
  await expect(code).toContainText('DistributedDataParallel');

  await dialog.getByTestId('export-tab-keras').click();
  await expect(dialog.getByTestId('export-panel')).toHaveAttribute('data-target', 'keras');
  // `from tensorflow.keras import layers`, then the functional API.
  await expect(code).toContainText('from tensorflow.keras import layers');
  await expect(code).toContainText('layers.Conv2D(');
  await expect(dialog.getByTestId('export-file')).toHaveText([/^model\.py/, /^README\.md/]);

  // Arrow keys move between tabs.
  await dialog.getByTestId('export-tab-keras').press('ArrowRight');
  await expect(dialog.getByTestId('export-panel')).toHaveAttribute('data-target', 'tfjs');
  await expect(code).toContainText('tf.layers.conv2d(');
  await expect(dialog.getByTestId('export-file-name')).toHaveText('model.js');

  // Copy puts the exact file on the clipboard and says so.
  const copy = dialog.getByTestId('export-copy');
  await copy.click();
  await expect(copy).toHaveText('Copied');
  await expect(copy).toHaveAttribute('data-state', 'copied');
  const clipboard = await page.evaluate(() => navigator.clipboard.readText());
  expect(clipboard).toBe(await code.textContent());
  expect(clipboard).toContain('tf.layers.conv2d(');
  await expect(copy).toHaveText('Copy', { timeout: 5_000 });

  await dialog.getByTestId('export-tab-pytorch').click();
  await expect(dialog.getByTestId('export-zip-name')).toHaveText('first_cnn-pytorch.zip');
  const zip = await downloadZip(page);
  expect(zip.name).toBe('first_cnn-pytorch.zip');
  expect(Object.keys(zip.entries).sort()).toEqual(['README.md', 'model.py', 'train.py']);
  const modelPy = strFromU8(zip.entries['model.py']);
  expect(modelPy.length).toBeGreaterThan(500);
  expect(modelPy).toMatch(/class \w+\(nn\.Module\)/);
  expect(modelPy).toContain('def build_model(');
  expect(strFromU8(zip.entries['README.md'])).toContain('No trained weights are included');

  const tfjs = await (async () => {
    await dialog.getByTestId('export-tab-tfjs').click();
    await expect(code).toContainText('tf.layers.conv2d(');
    return downloadZip(page);
  })();
  expect(tfjs.name).toBe('first_cnn-tfjs.zip');
  expect(strFromU8(tfjs.entries['model.js'])).toContain('tf.layers.conv2d(');

  // Escape closes; Ctrl+E opens it again.
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await page.keyboard.press('Control+e');
  await expect(page.getByTestId('export-dialog')).toBeVisible();
  await expect(page.getByTestId('export-code')).toContainText('nn.Conv2d(');
  await page.screenshot({ path: `${SHOTS}/dialog.png` });
});

test('a graph with errors shows them instead of code, each linked to its node', async ({ page }) => {
  await openEditor(page);
  await page.getByTestId('open-file-input').setInputFiles(FIXTURE);
  const conv = page.locator('[data-testid="node-card"][data-node-id="c2"]');
  await expect(conv).toBeVisible();
  await conv.click();
  // 9x9 'valid' on the pooled 7x7 map leaves nothing.
  await page.getByTestId('inspector').getByTestId('param-kernelSize').fill('9');
  await expect(page.getByTestId('problems-pill')).not.toHaveAttribute('data-errors', '0');
  await page.getByTestId('canvas-area').click({ position: { x: 40, y: 40 } });

  await openFromMenu(page);
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog.getByTestId('export-invalid')).toBeVisible();
  await expect(dialog.getByTestId('export-code')).toHaveCount(0);
  await expect(dialog.getByTestId('export-download')).toBeDisabled();
  await expect(dialog.getByTestId('export-issue').first()).toContainText('9x9');
  await page.screenshot({ path: `${SHOTS}/invalid.png` });
  await dialog.getByTestId('export-issue-node').filter({ hasText: 'conv_b' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('inspector').getByTestId('param-kernelSize')).toHaveValue('9');
});

test('after a short training run the export includes the trained weights from the worker', async ({ page }) => {
  test.setTimeout(180_000);
  await openEditor(page);
  await loadFirstCnn(page);
  await setQuickRun(page, { epochs: 1 });
  await page.getByTestId('train-button').click();
  await expectRunDone(page, 120_000);

  await page.keyboard.press('Control+e');
  const dialog = page.getByTestId('export-dialog');
  const note = dialog.getByTestId('export-weights-note');
  await expect(note).toHaveAttribute('data-weights', 'trained', { timeout: 20_000 });
  await expect(note).toContainText(/Trained weights included\. Run 1: completed, 1 epoch/);
  await expect(dialog.getByTestId('export-file')).toHaveText([/^model\.py/, /^train\.py/, /^weights\.safetensors/, /^README\.md/]);
  await dialog.getByTestId('export-file').filter({ hasText: 'weights.safetensors' }).click();
  await expect(dialog.getByTestId('export-binary')).toContainText('conv');
  await expect(dialog.getByTestId('export-copy')).toBeDisabled();
  await page.screenshot({ path: `${SHOTS}/trained.png` });

  const params = Number((await dialog.getByTestId('export-summary').textContent())?.match(/([\d,]+) parameters/)?.[1].replace(/,/g, ''));
  const zip = await downloadZip(page);
  expect(Object.keys(zip.entries).sort()).toEqual(['README.md', 'model.py', 'train.py', 'weights.safetensors']);
  expect(safetensorsValues(zip.entries['weights.safetensors'])).toBe(params);
  expect(strFromU8(zip.entries['README.md'])).toContain('The trained weights are included.');

  await dialog.getByTestId('export-tab-tfjs').click();
  await expect(dialog.getByTestId('export-file')).toHaveText([/^model\.js/, /^model\.json/, /^weights\.bin/, /^README\.md/]);

  // With no weights chosen, the same export is code only, and says so.
  await dialog.getByTestId('export-weights-choice').selectOption('none');
  await expect(note).toHaveAttribute('data-weights', 'fresh');
  await expect(note).toContainText('Weights left out');
  await expect(dialog.getByTestId('export-file')).toHaveText([/^model\.js/, /^README\.md/]);
});
