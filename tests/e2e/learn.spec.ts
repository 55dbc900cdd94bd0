import { expect, test, type Page } from '@playwright/test';

/**
 * The convolution explorer on /learn: for a table of (size, kernel, stride, padding, dilation) the output
 * size, the formula and the highlighted input cells of several output cells must match the formula
 * floor((n + 2p - d(k-1) - 1)/s) + 1 (or ceil(n/s) for 'same', padded as tfjs pads), computed here on
 * its own. Plus the pooling and activation explorers' key facts.
 */

type Pad = 'valid' | 'same' | number;
interface Case {
  n: number;
  k: number;
  s: number;
  pad: Pad;
  d: number;
  /** Expected output side, worked by hand. */
  out: number;
}

const CASES: Case[] = [
  { n: 5, k: 3, s: 1, pad: 'valid', d: 1, out: 3 }, // floor(2/1)+1
  { n: 5, k: 3, s: 2, pad: 'valid', d: 1, out: 2 }, // floor(2/2)+1
  { n: 5, k: 3, s: 1, pad: 1, d: 1, out: 5 }, // floor(4/1)+1
  { n: 7, k: 3, s: 2, pad: 1, d: 1, out: 4 }, // floor(6/2)+1
  { n: 7, k: 3, s: 1, pad: 'valid', d: 2, out: 3 }, // floor(2/1)+1
  { n: 6, k: 3, s: 2, pad: 'same', d: 1, out: 3 }, // ceil(6/2), padding 0 before, 1 after
  { n: 5, k: 4, s: 1, pad: 'same', d: 1, out: 5 }, // ceil(5/1), padding 1 before, 2 after
  { n: 9, k: 5, s: 3, pad: 2, d: 1, out: 3 }, // floor(8/3)+1
  { n: 7, k: 3, s: 2, pad: 1, d: 2, out: 3 }, // floor(4/2)+1
];

/** Output side and padding before, from the formula (independently of the app's code). */
function expected(c: Case): { out: number; before: number } {
  const span = c.d * (c.k - 1) + 1;
  if (c.pad === 'same') {
    const out = Math.ceil(c.n / c.s);
    return { out, before: Math.floor(Math.max(0, (out - 1) * c.s + span - c.n) / 2) };
  }
  const p = c.pad === 'valid' ? 0 : c.pad;
  return { out: Math.floor((c.n + 2 * p - span) / c.s) + 1, before: p };
}

/** The input cells output (r, col) reads, inside the input only, as 'row-col' strings. */
function readCells(c: Case, before: number, r: number, col: number): string[] {
  const taps = (o: number) => Array.from({ length: c.k }, (_, t) => o * c.s - before + t * c.d).filter((i) => i >= 0 && i < c.n);
  return taps(r).flatMap((i) => taps(col).map((j) => `${i}-${j}`)).sort();
}

/** Moves the controls to case `c`, touching only those that differ from `from` (each change re-renders). */
async function setCase(page: Page, c: Case, from: Case) {
  if (c.pad !== from.pad) {
    await page.getByTestId(`conv-padding-${typeof c.pad === 'number' ? 'explicit' : c.pad}`).click();
    if (typeof c.pad === 'number') await page.getByTestId('conv-padding-p').fill(String(c.pad));
  }
  if (c.n !== from.n) await page.getByTestId('conv-input-size').fill(String(c.n));
  if (c.k !== from.k) await page.getByTestId('conv-kernel-size').fill(String(c.k));
  if (c.s !== from.s) await page.getByTestId('conv-stride').fill(String(c.s));
  if (c.d !== from.d) await page.getByTestId('conv-dilation').fill(String(c.d));
}

async function highlighted(page: Page): Promise<string[]> {
  const ids = await page.locator('[data-testid^="conv-in-cell-"][data-highlighted="true"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''));
  return ids.map((id) => id.replace('conv-in-cell-', '')).sort();
}

test.beforeEach(async ({ page }) => {
  await page.goto('/learn');
  await expect(page.locator('[data-testid="convolution-explorer"][data-ready="true"]')).toBeVisible();
});

test('convolution explorer: output size, formula and highlighted cells match the formula', async ({ page }) => {
  let current: Case = CASES[0]; // the explorer opens on the classic 5x5, k3, s1, valid, d1
  for (const c of CASES) {
    await test.step(`n=${c.n} k=${c.k} s=${c.s} padding=${c.pad} d=${c.d}`, async () => {
      await setCase(page, c, current);
      current = c;
      const { out, before } = expected(c);
      expect(out).toBe(c.out);
      await expect(page.getByTestId('conv-output-size')).toHaveText(`${out} x ${out}`);
      await expect(page.getByTestId('conv-formula')).toContainText(
        c.pad === 'same'
          ? `ceil(${c.n} / ${c.s}) = ${out}`
          : `floor((${c.n} + 2*${c.pad === 'valid' ? 0 : c.pad} - ${c.d}*(${c.k}-1) - 1) / ${c.s}) + 1 = ${out}`,
      );
      await expect(page.locator('[data-testid^="conv-out-cell-"]')).toHaveCount(out * out);
      const last = out - 1;
      for (const [r, col] of [[0, 0], [last, last]]) {
        await page.getByTestId(`conv-out-cell-${r}-${col}`).click();
        await expect(page.getByTestId(`conv-out-cell-${r}-${col}`)).toHaveAttribute('data-current', 'true');
        expect(await highlighted(page), `output (${r}, ${col})`).toEqual(readCells(c, before, r, col));
        // Every kernel tap is highlighted: the ones outside the input on drawn padding cells.
        const padTaps = await page.locator('[data-testid^="conv-pad-cell-"][data-highlighted="true"]').count();
        expect(padTaps + readCells(c, before, r, col).length).toBe(c.k * c.k);
      }
    });
  }
});

test('convolution explorer: classic values, stepping and corner usage with and without padding', async ({ page }) => {
  await expect(page.getByTestId('conv-output-size')).toHaveText('3 x 3');
  await page.getByTestId('conv-step').click();
  await expect(page.getByTestId('conv-computation')).toContainText('out[0][1] =');
  await page.getByTestId('conv-out-cell-2-2').click();
  const values = await page.locator('[data-testid^="conv-out-cell-"]').allTextContents();
  expect(values).toEqual(['12', '12', '17', '10', '17', '19', '9', '6', '14']);
  await expect(page.getByTestId('conv-corner-count')).toHaveText('1');
  await expect(page.getByTestId('conv-centre-count')).toHaveText('9');
  await page.getByTestId('conv-padding-explicit').click();
  await expect(page.getByTestId('conv-corner-count')).toHaveText('4');
  await expect(page.getByTestId('conv-output-size')).toHaveText('5 x 5');
  await page.getByTestId('conv-play').click();
  await expect(page.getByTestId('conv-out-cell-0-1')).toHaveAttribute('data-current', 'true', { timeout: 5000 });
});

test('pooling and activation explorers', async ({ page }) => {
  await page.getByTestId('pool-max-cell-1-1').click();
  await expect(page.locator('[data-testid^="pool-in-cell-"][data-highlighted="true"]')).toHaveCount(4);
  const maxText = await page.getByTestId('pool-max-cell-1-1').textContent();
  const window = await page.locator('[data-testid^="pool-in-cell-"][data-highlighted="true"]').allTextContents();
  expect(Number(maxText)).toBe(Math.max(...window.map(Number)));
  const mean = window.map(Number).reduce((a, b) => a + b, 0) / window.length;
  expect(Number(await page.getByTestId('pool-avg-cell-1-1').textContent())).toBeCloseTo(mean, 2);

  await expect(page.locator('[data-testid^="compose-k-"]')).toHaveCount(25);
  await expect(page.getByTestId('compose-verdict')).toContainText('Identical');
  await page.getByTestId('compose-k1-0-0').click();
  await expect(page.getByTestId('compose-verdict')).toContainText('Identical');
  for (const name of ['relu', 'leakyRelu', 'sigmoid', 'tanh', 'gelu']) {
    await expect(page.getByTestId(`activation-curve-${name}`)).toHaveCount(1);
  }
  await expect(page.getByTestId('activation-value-relu')).toHaveText('0.000');
  await expect(page.getByTestId('activation-value-leakyRelu')).toHaveText('-0.300');
  await expect(page.getByTestId('learn-back')).toHaveAttribute('href', '/');
});
