import { expect, test, type Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';

/**
 * The canvas editor in real Chromium (issue 4): build a CNN from the palette, see and fix a problem, undo
 * and redo, reload, share links, templates. Each test starts from a fresh browser context (empty storage).
 */

const FIXTURE = fileURLToPath(new URL('../fixtures/e2e/small-cnn.json', import.meta.url));

const card = (page: Page, type: string, nth = 0) => page.locator(`[data-testid="node-card"][data-node-type="${type}"]`).nth(nth);
const cardById = (page: Page, id: string) => page.locator(`[data-testid="node-card"][data-node-id="${id}"]`);

async function openEditor(page: Page, path = '/') {
  await page.goto(path);
  await expect(card(page, 'Input')).toBeVisible();
  // Any fit of the view has finished, so the cards stay where a click aims.
  await viewSettled(page);
}

/**
 * Clicks a card's title and waits until React Flow has selected it, so a key pressed next acts on that node.
 * The title, not the middle: a card cut off by the canvas's bottom edge has its middle out of sight, and
 * Playwright then scrolls the overflow-hidden canvas to reach it, which React Flow undoes between the
 * pointer's down and up, so the click lands on the pane (1 click in 5 on the bottom row at 1440x900).
 */
async function selectCard(page: Page, type: string) {
  await card(page, type).getByTestId('node-type').click();
  await expect(page.locator(`.react-flow__node.selected [data-testid="node-card"][data-node-type="${type}"]`)).toBeVisible();
}

async function chooseTemplate(page: Page, id: string) {
  await page.getByTestId('templates-menu').click();
  await page.getByTestId(`template-${id}`).click();
}

/** Drag a palette item onto the canvas at (x, y) in canvas-area pixels; returns the new card's node id. */
async function dropFromPalette(page: Page, type: string, x: number, y: number): Promise<string> {
  const before = await page.locator(`[data-testid="node-card"][data-node-type="${type}"]`).count();
  await page.getByTestId(`palette-item-${type}`).dragTo(page.getByTestId('canvas-area'), { targetPosition: { x, y } });
  const added = card(page, type, before);
  await expect(added).toBeVisible();
  return (await added.getAttribute('data-node-id')) as string;
}

/** Drag from one card's output handle to another card's input handle. */
async function connect(page: Page, from: string, to: string) {
  const source = cardById(page, from).locator('.react-flow__handle.source');
  const target = cardById(page, to).locator('.react-flow__handle.target');
  const a = (await source.boundingBox())!;
  const b = (await target.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 4 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 4 });
  await page.mouse.up();
}

/** Waits until the canvas view holds still for 300 ms (loading a template fits the view with an animation). */
async function viewSettled(page: Page) {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const view = document.querySelector<HTMLElement>('.react-flow__viewport');
        let last = view?.style.transform;
        let since = performance.now();
        const tick = (now: number) => {
          const t = view?.style.transform;
          if (t !== last) [last, since] = [t, now];
          if (now - since >= 300) resolve();
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
  );
}

/**
 * The free spot on the canvas nearest to `near` (page pixels): a point on the visible React Flow pane with
 * nothing over it (card, handle, edge label, minimap, toast, panel...) within `clear` px around it, so a
 * double-click or a dropped connection there lands on the empty canvas whatever shares the window with it.
 */
async function emptyCanvasPoint(page: Page, near: { x: number; y: number }, clear = 48) {
  const point = await page.evaluate(
    ({ near, clear }) => {
      const pane = document.querySelector('.react-flow__pane');
      if (!pane) return null;
      const r = pane.getBoundingClientRect();
      const [left, top] = [Math.max(r.left, 0) + clear, Math.max(r.top, 0) + clear];
      const [right, bottom] = [Math.min(r.right, window.innerWidth) - clear, Math.min(r.bottom, window.innerHeight) - clear];
      const around = [-1, 0, 1].flatMap((dx) => [-1, 0, 1].map((dy) => [dx * clear, dy * clear]));
      const free = (x: number, y: number) => around.every(([dx, dy]) => document.elementFromPoint(x + dx, y + dy) === pane);
      const candidates: { x: number; y: number }[] = [];
      for (let y = top; y <= bottom; y += 8) for (let x = left; x <= right; x += 8) candidates.push({ x, y });
      const distance = (p: { x: number; y: number }) => Math.hypot(p.x - near.x, p.y - near.y);
      candidates.sort((a, b) => distance(a) - distance(b));
      return candidates.find((p) => free(p.x, p.y)) ?? null;
    },
    { near, clear },
  );
  expect(point, 'a free spot on the canvas').not.toBeNull();
  return point as { x: number; y: number };
}

async function expectCard(page: Page, id: string, shape: string, params: string) {
  await expect(cardById(page, id).getByTestId('node-shape')).toHaveText(shape);
  await expect(cardById(page, id).getByTestId('node-params')).toHaveText(params);
}

test('builds a CNN from the palette and shows the shapes and parameter counts the catalog predicts', async ({ page }) => {
  // Tall enough that two rows of cards fit under Input and Output whatever panels share the window.
  await page.setViewportSize({ width: 1440, height: 1200 });
  await openEditor(page);
  await chooseTemplate(page, 'empty');
  await expect(page.getByTestId('node-card')).toHaveCount(2);
  await expect(page.getByTestId('empty-hint')).toBeVisible();
  // Loading a graph fits the view with a short animation: a drop during it lands off by the pan still to come.
  await viewSettled(page);
  const input = (await card(page, 'Input').getAttribute('data-node-id')) as string;
  const output = (await card(page, 'Output').getAttribute('data-node-id')) as string;

  // Drop two rows of cards under the Input/Output pair, clear of the minimap on the right.
  const area = (await page.getByTestId('canvas-area').boundingBox())!;
  const inputBox = (await card(page, 'Input').boundingBox())!;
  const row1 = inputBox.y - area.y + inputBox.height + 90;
  const row2 = row1 + 110;
  const col = (f: number) => area.width * f;
  const ids = [
    await dropFromPalette(page, 'Conv2D', col(0.14), row1),
    await dropFromPalette(page, 'Activation', col(0.4), row1),
    await dropFromPalette(page, 'MaxPooling2D', col(0.66), row1),
    await dropFromPalette(page, 'Flatten', col(0.14), row2),
    await dropFromPalette(page, 'Dense', col(0.4), row2),
  ];
  const chain = [input, ...ids, output];
  for (let i = 0; i + 1 < chain.length; i++) await connect(page, chain[i], chain[i + 1]);
  await expect(page.locator('.react-flow__edge')).toHaveCount(6);

  const [conv, relu, pool, flatten, dense] = ids;
  // Catalog defaults on the 64x64x3 skin-lesion input: Conv2D 16 @ 3x3 same = 3*3*3*16 + 16 = 448 params;
  // MaxPool 2x2 halves it; Flatten 32*32*16 = 16384; Dense 64 = 16384*64 + 64 = 1,048,640; Output 7 = 64*7 + 7 = 455.
  await expectCard(page, input, '64x64x3', 'no params');
  await expectCard(page, conv, '64x64x16', '448 params');
  await expectCard(page, relu, '64x64x16', 'no params');
  await expectCard(page, pool, '32x32x16', 'no params');
  await expectCard(page, flatten, '16384', 'no params');
  await expectCard(page, dense, '64', '1.05M params');
  await expectCard(page, output, '7', '455 params');
  await expect(page.locator('[data-testid="edge-label"]').filter({ hasText: '32x32x16' })).toHaveCount(1);
  await expect(page.getByTestId('issue-badge')).toHaveCount(0);
  await expect(page.getByTestId('problems-pill')).toHaveAttribute('data-errors', '0');

  await page.getByTestId('side-tab-summary').click();
  await expect(page.locator(`[data-testid="summary-row"][data-node-id="${dense}"] [data-testid="summary-params"]`)).toHaveText('1,048,640');
  await expect(page.getByTestId('summary-total-params')).toHaveText('1,049,543');
});

test('a kernel larger than its input gets a badge and a message, and the inspector fixes it', async ({ page }) => {
  await openEditor(page);
  // A broken file dropped on the canvas is explained and changes nothing.
  await expect(page.getByTestId('node-card')).toHaveCount(12);
  const broken = await page.evaluateHandle(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['{"format": "convas-graph", "nodes": ['], 'broken.json', { type: 'application/json' }));
    return dt;
  });
  await page.locator('.react-flow__pane').dispatchEvent('drop', { dataTransfer: broken });
  await expect(page.getByTestId('toast').filter({ hasText: 'Could not open broken.json' })).toContainText('not valid JSON');
  await expect(page.getByTestId('node-card')).toHaveCount(12);

  await page.getByTestId('open-file-input').setInputFiles(FIXTURE);
  await expect(cardById(page, 'c2')).toBeVisible();
  await expect(page.getByTestId('issue-badge')).toHaveCount(0);
  await expectCard(page, 'c2', '5x5x16', '1,168 params');

  await cardById(page, 'c2').click();
  const kernel = page.getByTestId('inspector').getByTestId('param-kernelSize');
  await kernel.fill('9');
  // 9x9 'valid' on the pooled 7x7 map leaves nothing.
  const badge = cardById(page, 'c2').getByTestId('issue-badge');
  await expect(badge).toBeVisible();
  await expect(badge).toHaveAttribute('data-severity', 'error');
  await expect(page.getByTestId('node-details').getByTestId('issue-message')).toContainText('this input is 7x7');
  await expect(page.getByTestId('inspector').getByTestId('issue-message')).toContainText('9x9');
  await expect(cardById(page, 'g').getByTestId('node-shape')).toHaveText('?');

  await kernel.fill('3');
  await expect(badge).toHaveCount(0);
  await expect(page.getByTestId('inspector-shape')).toHaveText('5x5x16');
  await expect(page.getByTestId('problems-pill')).toHaveAttribute('data-errors', '0');

  // The one-click fix works too: 9x9 again, then "Use padding 'same'" on the card. The shape is back,
  // with a warning left: a 9x9 window on a 7x7 map is mostly zero border.
  await kernel.fill('9');
  await page.getByTestId('node-details').getByTestId('issue-fix').click();
  await expect(page.getByTestId('inspector').getByTestId('param-padding')).toHaveValue('same');
  await expect(page.getByTestId('inspector-shape')).toHaveText('7x7x16');
  await expect(badge).toHaveAttribute('data-severity', 'warning');
  await expect(page.getByTestId('problems-pill')).toHaveAttribute('data-errors', '0');
});

test('undo and redo every change, from the keyboard and the header', async ({ page }) => {
  await openEditor(page);
  await expect(page.getByTestId('node-card')).toHaveCount(12);
  await selectCard(page, 'Flatten');
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('node-card')).toHaveCount(11);
  await expect(card(page, 'Dense').getByTestId('issue-badge')).toBeVisible();

  await page.keyboard.press('ControlOrMeta+z');
  await expect(page.getByTestId('node-card')).toHaveCount(12);
  await expect(page.getByTestId('issue-badge')).toHaveCount(0);
  await page.keyboard.press('ControlOrMeta+Shift+z');
  await expect(page.getByTestId('node-card')).toHaveCount(11);
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('node-card')).toHaveCount(12);
  await page.keyboard.press('Control+y');
  await expect(page.getByTestId('node-card')).toHaveCount(11);
  await page.getByTestId('undo').click();

  // A param edit and a duplicate are undo steps too.
  await selectCard(page, 'Dense');
  await page.getByTestId('inspector').getByTestId('param-units').fill('10');
  await expect(card(page, 'Dense').getByTestId('node-shape')).toHaveText('10');
  await selectCard(page, 'Dense');
  await page.keyboard.press('ControlOrMeta+d');
  await expect(page.getByTestId('node-card')).toHaveCount(13);
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('node-card')).toHaveCount(12);
  await page.getByTestId('undo').click();
  await expect(card(page, 'Dense').getByTestId('node-shape')).toHaveText('32');
  await page.getByTestId('redo').click();
  await expect(card(page, 'Dense').getByTestId('node-shape')).toHaveText('10');
});

test('a reload restores the graph, the view and the settings exactly', async ({ page }) => {
  await openEditor(page);
  await chooseTemplate(page, 'resnet');
  // The training panel's state is the user's layout too: collapsed stays collapsed.
  await page.getByTestId('training-panel-toggle').click();
  await expect(page.getByTestId('training-panel-toggle')).toHaveAttribute('aria-expanded', 'false');
  const conv = card(page, 'Conv2D');
  await conv.click();
  await page.getByTestId('inspector').getByTestId('param-filters').fill('12');
  await page.getByTestId('inspector-name').fill('stem');
  await page.getByTestId('inspector-name').press('Enter');
  await page.getByTestId('task-select').selectOption('brain-mri-classify');
  await page.getByTestId('side-tab-summary').click();
  await page.getByTestId('summary-batch').fill('8');
  // Zoom in a step so the view differs from a fresh fit.
  const fitted = await page.locator('.react-flow__viewport').getAttribute('style');
  await page.locator('.react-flow__controls-zoomin').click();
  // Wait until the zoom has moved the view and the autosave holds the viewport the page shows (no fixed
  // sleep). The browser writes the transform with 6 significant digits, so compare the numbers.
  await expect
    .poll(() =>
      page.evaluate((before) => {
        const saved = JSON.parse(localStorage.getItem('convas.editor.v1') ?? 'null')?.viewport;
        const view = document.querySelector<HTMLElement>('.react-flow__viewport');
        const shown = /translate\(([-\d.e]+)px, ([-\d.e]+)px\) scale\(([-\d.e]+)\)/.exec(view?.style.transform ?? '');
        if (!saved || !shown || view?.getAttribute('style') === before) return false;
        return [saved.x, saved.y, saved.zoom].every((v: number, i: number) => Math.abs(v - Number(shown[i + 1])) <= 1e-3 * Math.max(1, Math.abs(v)));
      }, fitted),
    )
    .toBe(true);
  const viewport = await page.locator('.react-flow__viewport').getAttribute('style');
  const names = await page.getByTestId('node-card').evaluateAll((els) => els.map((e) => e.getAttribute('data-node-name')));

  await page.reload();
  await expect(page.locator('[data-testid="node-card"][data-node-name="stem"]')).toBeVisible();
  expect(await page.getByTestId('node-card').evaluateAll((els) => els.map((e) => e.getAttribute('data-node-name')))).toEqual(names);
  await expect(page.locator('[data-testid="node-card"][data-node-name="stem"]').getByTestId('node-summary')).toContainText('12 @');
  await expect(page.getByTestId('task-select')).toHaveValue('brain-mri-classify');
  await expect(card(page, 'Input').getByTestId('node-shape')).toHaveText('64x64x1');
  await expect(page.getByTestId('side-tab-summary')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('summary-batch')).toHaveValue('8');
  await expect(page.locator('.react-flow__viewport')).toHaveAttribute('style', viewport as string);
  await expect(page.getByTestId('training-panel-toggle')).toHaveAttribute('aria-expanded', 'false');
});

test('a share link opens the same graph in a new page, asks before replacing work, and rejects a damaged link', async ({ page, browser }) => {
  await openEditor(page);
  await chooseTemplate(page, 'vgg');
  await page.getByTestId('doc-title').fill('Shared VGG');
  await page.getByTestId('doc-title').press('Enter');
  await page.getByTestId('share-button').click();
  const link = await page.getByTestId('share-link-input').inputValue();
  expect(link).toMatch(/#graph=g1\./);
  const names = await page.getByTestId('node-card').evaluateAll((els) => els.map((e) => e.getAttribute('data-node-name')));

  const other = await browser.newContext();
  const fresh = await other.newPage();
  await fresh.goto(link);
  // A fresh editor holds only the default graph: the link opens without a question.
  await expect(fresh.getByTestId('doc-title')).toHaveValue('Shared VGG');
  expect(await fresh.getByTestId('node-card').evaluateAll((els) => els.map((e) => e.getAttribute('data-node-name')))).toEqual(names);
  expect(new URL(fresh.url()).hash).toBe('');

  // Now it holds work: opening the link asks, and "Keep my graph" keeps it.
  await chooseTemplate(fresh, 'empty');
  await expect(fresh.getByTestId('node-card')).toHaveCount(2);
  await fresh.goto(link);
  await expect(fresh.getByTestId('confirm-dialog')).toBeVisible();
  await fresh.getByTestId('confirm-cancel').click();
  await expect(fresh.getByTestId('node-card')).toHaveCount(2);
  await fresh.goto(link);
  await fresh.getByTestId('confirm-ok').click();
  await expect(fresh.getByTestId('node-card')).toHaveCount(names.length);

  // A damaged link says so and changes nothing.
  await fresh.goto(`${link.split('#')[0]}#graph=g1.AAAA`);
  await expect(fresh.getByTestId('toast').filter({ hasText: 'damaged' })).toBeVisible();
  await expect(fresh.getByTestId('node-card')).toHaveCount(names.length);
  await other.close();
});

test('copy in one tab and paste in another', async ({ context }) => {
  const a = await context.newPage();
  await openEditor(a);
  // The First CNN's first Conv2D and the BatchNormalization it feeds.
  await card(a, 'Conv2D').click();
  await card(a, 'BatchNormalization').click({ modifiers: ['Shift'] });
  await a.keyboard.press('ControlOrMeta+c');
  const b = await context.newPage();
  await openEditor(b);
  await chooseTemplate(b, 'empty');
  // Pasted where the pointer is: the middle of the canvas, between Input and Output.
  await b.getByTestId('canvas-area').hover();
  await b.keyboard.press('ControlOrMeta+v');
  await expect(b.getByTestId('node-card')).toHaveCount(4);
  await expect(card(b, 'Conv2D')).toBeVisible();
  await expect(b.locator('.react-flow__edge')).toHaveCount(1);
});

test('double-click the canvas, or drop a connection on it, to type a layer in', async ({ page }) => {
  await openEditor(page);
  await chooseTemplate(page, 'empty');
  await expect(page.getByTestId('node-card')).toHaveCount(2);
  await viewSettled(page);
  const inputId = (await card(page, 'Input').getAttribute('data-node-id')) as string;

  // Drag from the Input's output onto empty canvas below it: the box offers layers and connects the pick.
  const box = (await card(page, 'Input').boundingBox())!;
  const handle = (await card(page, 'Input').locator('.react-flow__handle.source').boundingBox())!;
  const from = { x: handle.x + handle.width / 2, y: handle.y + handle.height / 2 };
  expect(await page.evaluate(({ x, y }) => !!document.elementFromPoint(x, y)?.closest('.react-flow__handle.source'), from)).toBe(true);
  const drop = await emptyCanvasPoint(page, { x: box.x + box.width / 2, y: box.y + box.height + 120 });
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(drop.x, drop.y, { steps: 8 });
  await page.mouse.up();
  await expect(page.getByTestId('quick-add-search')).toHaveAttribute('placeholder', 'Add and connect a layer…');
  // An Input cannot follow an output, so the box does not offer one.
  await expect(page.getByTestId('quick-add-Input')).toHaveCount(0);
  await page.getByTestId('quick-add-search').fill('conv2d');
  await page.getByTestId('quick-add-search').press('Enter');
  await expect(page.getByTestId('quick-add')).toHaveCount(0);
  const conv = card(page, 'Conv2D');
  await expect(conv.getByTestId('node-shape')).toHaveText('64x64x16');
  await expect(conv.getByTestId('node-params')).toHaveText('448 params');
  const convId = (await conv.getAttribute('data-node-id')) as string;
  // Connected from the Input (the edge carries its 64x64x3), and placed where the connection was dropped.
  await expect(page.locator('.react-flow__edge')).toHaveCount(1);
  await expect(page.locator(`.react-flow__edge[aria-label="Edge from ${inputId} to ${convId}"]`)).toHaveCount(1);
  await expect(page.getByTestId('edge-label')).toHaveText(['64x64x3']);
  const convBox = (await conv.boundingBox())!;
  expect(Math.abs(convBox.x - drop.x)).toBeLessThan(4);

  // A double-click on empty canvas opens the box unconnected; a clicked item is added there.
  const area = (await page.locator('.react-flow__pane').boundingBox())!;
  const spot = await emptyCanvasPoint(page, { x: area.x + area.width * 0.6, y: area.y + area.height * 0.75 });
  await page.mouse.dblclick(spot.x, spot.y);
  await expect(page.getByTestId('quick-add-search')).toHaveAttribute('placeholder', 'Add a layer…');
  await expect(page.getByTestId('quick-add-search')).toBeFocused();
  await page.getByTestId('quick-add-search').fill('dropout');
  await page.getByTestId('quick-add-Dropout').click();
  await expect(page.getByTestId('quick-add')).toHaveCount(0);
  await expect(card(page, 'Dropout')).toBeVisible();
  await expect(page.getByTestId('node-card')).toHaveCount(4);
  await expect(page.locator('.react-flow__edge')).toHaveCount(1);
  const dropoutBox = (await card(page, 'Dropout').boundingBox())!;
  expect(Math.abs(dropoutBox.x - spot.x)).toBeLessThan(4);

  // Escape closes the box and adds nothing.
  const again = await emptyCanvasPoint(page, { x: area.x + area.width * 0.5, y: area.y + area.height * 0.5 });
  await page.mouse.dblclick(again.x, again.y);
  await expect(page.getByTestId('quick-add-search')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('quick-add')).toHaveCount(0);
  await expect(page.getByTestId('node-card')).toHaveCount(4);
});

test('clicking layers on an empty graph builds a whole network, and Enter in the search adds the best match', async ({ page }) => {
  await openEditor(page);
  await chooseTemplate(page, 'empty');
  for (const type of ['Conv2D', 'Activation', 'MaxPooling2D']) await page.getByTestId(`palette-item-${type}`).click();
  await page.getByTestId('palette-search').fill('gap');
  await page.getByTestId('palette-search').press('Enter');
  await expect(page.locator('.react-flow__edge')).toHaveCount(5);
  // Input -> Conv2D 16 -> ReLU -> MaxPool (32x32x16) -> global average pooling (16) -> Output (7 classes).
  await expect(card(page, 'GlobalAveragePooling2D').getByTestId('node-shape')).toHaveText('16');
  await expect(card(page, 'Output').getByTestId('node-shape')).toHaveText('7');
  await expect(page.getByTestId('problems-pill')).toHaveAttribute('data-errors', '0');
});

test('every template loads without validation errors', async ({ page }) => {
  await openEditor(page);
  for (const id of ['first-cnn', 'vgg', 'resnet', 'googlenet-head', 'unet']) {
    await chooseTemplate(page, id);
    await expect(page.getByTestId('problems-pill')).toHaveAttribute('data-errors', '0');
    await expect(page.locator('[data-testid="issue-badge"][data-severity="error"]')).toHaveCount(0);
    await expect(page.getByTestId('node-card').first()).toBeVisible();
  }
  // U-Net switched the task to segmentation; its head draws a 64x64 mask.
  await expect(page.getByTestId('task-select')).toHaveValue('brain-mri-segment');
  await expect(card(page, 'Output').getByTestId('node-shape')).toHaveText('64x64x1');
});
