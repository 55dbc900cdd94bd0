import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectRunDone, setQuickRun } from './quickRun';

/**
 * A beginner's whole path (issue 15), at a small laptop's 1024x768 and at 1440x900, asserting what they
 * see: card text readable at the initial zoom, a palette click that keeps the graph valid and in view, the
 * small-data warning before training, a headline that compares like with like, no stale figures after a
 * task switch or a lesson start, and no overlay over any control clicked. Training is one epoch on 300
 * generated images (seconds, wasm). Screenshots go to test-results/journey/, or with UPDATE_DOCS=1 to docs/ (the
 * README's pictures, 1440x900).
 */

const VIEWPORTS = [
  { width: 1024, height: 768 },
  { width: 1440, height: 900 },
] as const;

/** Smallest on-screen text of the visible cards: computed font-size times the canvas zoom (px). */
async function smallestCardText(page: Page): Promise<{ px: number; zoom: number; cards: number }> {
  return page.evaluate(() => {
    const viewport = document.querySelector<HTMLElement>('.react-flow__viewport');
    const zoom = viewport ? new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a : 1;
    const area = document.querySelector('[data-testid="canvas-area"]')!.getBoundingClientRect();
    let px = Infinity;
    let cards = 0;
    for (const card of document.querySelectorAll<HTMLElement>('[data-testid="node-card"]')) {
      const r = card.getBoundingClientRect();
      if (r.right < area.left || r.left > area.right || r.bottom < area.top || r.top > area.bottom) continue;
      cards++;
      for (const el of card.querySelectorAll<HTMLElement>('*')) {
        const hasText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '');
        if (hasText) px = Math.min(px, parseFloat(getComputedStyle(el).fontSize) * zoom);
      }
    }
    return { px, zoom, cards };
  });
}

/**
 * Waits for the view to settle (fits animate for 200 ms) and asserts every visible card's text is at least
 * 11 px on screen; 0.01 px allows for the float rounding of the CSS transform's scale.
 */
async function readable(page: Page) {
  let last = await smallestCardText(page);
  await expect
    .poll(async () => {
      last = await smallestCardText(page);
      return last.px;
    })
    .toBeGreaterThanOrEqual(11 - 0.01);
  return last;
}

/**
 * Clicks `control` after checking that nothing lies over it: the element at the centre of its box is the
 * control or inside it (a tooltip, popover, minimap or hint over it would be found there instead).
 */
async function clickClear(page: Page, control: Locator): Promise<void> {
  await control.scrollIntoViewIfNeeded();
  const box = await control.boundingBox();
  expect(box, 'control has a box').not.toBeNull();
  const x = box!.x + box!.width / 2;
  const y = box!.y + box!.height / 2;
  const clear = await control.evaluate((el, p) => {
    const top = document.elementFromPoint(p.x, p.y);
    return top !== null && (el === top || el.contains(top));
  }, { x, y });
  expect(clear, `nothing covers ${control}`).toBe(true);
  await page.mouse.click(x, y);
}

/** Whether the Train button lies wholly inside the window's width. */
async function trainInView(page: Page, width: number): Promise<boolean> {
  const b = await page.getByTestId('train-button').boundingBox();
  return b !== null && b.x >= 0 && b.x + b.width <= width;
}

const nodeCount = (page: Page) => page.getByTestId('node-card').count();

for (const vp of VIEWPORTS) {
  test(`a beginner's journey at ${vp.width}x${vp.height}: readable, valid, honest and current`, async ({ page }) => {
    test.setTimeout(180_000);
    const big = vp.width >= 1440;
    // UPDATE_DOCS=1 refreshes the README's pictures in docs/ (1440x900); otherwise they go to test-results/.
    const shot = (name: string) =>
      page.screenshot({ path: big && process.env.UPDATE_DOCS ? `docs/journey-${name}.png` : `test-results/journey/${vp.width}-${name}.png` });
    await page.setViewportSize(vp);
    await page.goto('/');
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await expect(page.getByTestId('train-button')).toBeEnabled();

    // 1. The default graph opens readable: every visible card's text is at least 11 px on screen.
    await expect(page.getByTestId('node-card').first()).toBeVisible();
    const first = await readable(page);
    expect(first.cards).toBeGreaterThan(1);
    const canvas = await page.getByTestId('canvas-area').boundingBox();
    // The canvas keeps the larger part of the height under the header.
    expect(canvas!.height).toBeGreaterThan((vp.height - 48) * 0.5);
    await expect.poll(() => trainInView(page, vp.width)).toBe(true);
    await shot('editor');

    // 2. A palette click with nothing selected lands on the path into the Output, connected: still valid.
    await page.keyboard.press('Escape');
    await page.getByTestId('canvas-area').locator('.react-flow__pane').click({ position: { x: 8, y: 8 } });
    const before = await nodeCount(page);
    await clickClear(page, page.getByTestId('palette-item-Dense'));
    await expect.poll(() => nodeCount(page)).toBe(before + 1);
    await expect(page.getByTestId('train-button')).toBeEnabled();
    await expect(page.locator('[data-testid="issue-badge"][data-severity="error"]')).toHaveCount(0);
    // The view followed the new card: it lies inside the canvas.
    const added = page.locator('.react-flow__node.selected [data-testid="node-card"]');
    await expect(added).toHaveAttribute('data-node-type', 'Dense');
    await expect.poll(async () => {
      const b = (await added.boundingBox())!;
      const c = (await page.getByTestId('canvas-area').boundingBox())!;
      return b.x >= c.x && b.y >= c.y && b.x + b.width <= c.x + c.width && b.y + b.height <= c.y + c.height;
    }).toBe(true);

    // 3. A hover preview never stays over what is clicked next (wheel and click close it).
    await added.hover();
    await expect(page.getByTestId('node-details').first()).toBeVisible();
    await page.mouse.wheel(0, 40);
    await expect(page.locator('[data-testid="node-details"][data-interactive="false"]')).toHaveCount(0);

    // 4. Small data is said before training: 300 generated skin images leave rare classes nearly empty.
    await clickClear(page, page.getByTestId('training-tab-settings'));
    await setQuickRun(page, { epochs: 1 });
    const warning = page.getByTestId('small-data-warning');
    await expect(warning).toBeVisible();
    await expect(warning).toContainText('Too few images');
    await expect(page.getByTestId('small-data-sizes')).toContainText('36 validation · 60 test');
    await clickClear(page, page.getByTestId('small-data-details'));
    await expect(page.getByTestId('small-data-problems')).toContainText('fewer than 2 images of');
    await shot('small-data');

    // 5. Train: the headline compares balanced accuracy with the baseline's balanced accuracy, and says how many images.
    await clickClear(page, page.getByTestId('train-button'));
    await expect(page.getByTestId('headline-balanced')).toHaveText(/^\d+\.\d%$/, { timeout: 90_000 });
    await expect(page.getByTestId('headline-baseline-balanced')).toHaveText(/^\d+\.\d%$/);
    await expect(page.getByTestId('headline-baseline')).toHaveText(/^\d+\.\d%$/);
    await expect(page.getByTestId('headline-images')).toHaveText(/^\d+ images$/);
    // Balanced baseline = 1 / classes present in validation: at most 50%, never the accuracy baseline's 60-70%.
    const balancedBaseline = parseFloat((await page.getByTestId('headline-baseline-balanced').textContent())!);
    expect(balancedBaseline).toBeLessThanOrEqual(50);
    await expectRunDone(page, 90_000);
    await clickClear(page, page.getByTestId('fit-view'));
    await shot('trained');

    // 6. Another task: no skin figures remain; the run stays in Runs behind a filter.
    await page.getByTestId('task-select').selectOption('brain-mri-classify');
    await expect(page.getByTestId('headline')).toHaveCount(0);
    await expect(page.getByTestId('accuracy-chart')).not.toContainText(/baseline \d+%/);
    await clickClear(page, page.getByTestId('training-tab-runs'));
    await expect(page.getByTestId('run-row')).toHaveCount(0);
    await clickClear(page, page.getByTestId('runs-filter-all'));
    await expect(page.getByTestId('run-row')).toHaveCount(1);
    // The Runs table scrolls sideways rather than cutting its columns off.
    const scroll = page.getByTestId('runs-scroll');
    expect(await scroll.evaluate((el) => getComputedStyle(el).overflowX)).toBe('auto');
    await shot('runs-other-task');
    // Every task keeps Train on screen; segmentation's mask classes are options of the same select, never cut.
    await page.getByTestId('task-select').selectOption('brain-mri-segment:multiclass');
    await expect(page.getByTestId('task-select')).toHaveValue('brain-mri-segment:multiclass');
    expect(await trainInView(page, vp.width)).toBe(true);
    expect(await page.getByTestId('task-select').evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
    await page.getByTestId('task-select').selectOption('brain-mri-classify');
    // Back to skin: its own run again.
    await page.getByTestId('task-select').selectOption('skin-lesions');
    await expect(page.getByTestId('headline-balanced')).toBeVisible();

    // 7. A lesson on the same task: the run from before it is neither shown nor counted.
    await clickClear(page, page.getByTestId('lessons-menu'));
    await clickClear(page, page.getByTestId('lesson-first-cnn'));
    // The graph was edited: starting the lesson asks first.
    await clickClear(page, page.getByTestId('confirm-ok'));
    await expect(page.getByTestId('lesson-banner')).toBeVisible();
    await expect(page.getByTestId('headline')).toHaveCount(0);
    await expect(page.getByTestId('lesson-progress')).toContainText('no balanced accuracy yet');
    await expect(page.getByTestId('lesson-instructions')).toBeVisible();
    // The lesson graph opens readable too, and the banner folds to one line once read.
    await readable(page);
    await shot('lesson');
    await clickClear(page, page.getByTestId('lesson-toggle'));
    await expect(page.getByTestId('lesson-instructions')).toHaveCount(0);
    const banner = (await page.getByTestId('lesson-banner').boundingBox())!;
    expect(banner.height).toBeLessThan(60);
  });
}
