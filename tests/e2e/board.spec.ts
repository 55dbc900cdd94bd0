import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { expectRunDone, setNumber, setQuickRun } from './quickRun';

/**
 * The class board (issue 18), end to end: its own server with --collect on 127.0.0.1 (a child process over
 * the already-built out/), a facilitator who makes a lesson link with a class code, three participants in
 * separate browser contexts who type nicknames and train (tiny: 300 images, 3 epochs, wasm), one of them
 * offline when the run ends, and the board listing all three with their metrics without a reload.
 */

const SHOTS = 'test-results/board';
// The second test reads the class the first one made.
test.describe.configure({ mode: 'serial' });
let server: ChildProcess;
let base = '';
let resultsDir = '';
let boardKey = '';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

test.beforeAll(async () => {
  resultsDir = mkdtempSync(join(tmpdir(), 'convas-board-e2e-'));
  const port = await freePort();
  server = spawn(process.execPath, ['scripts/serve.mjs', '--dir', 'out', '--port', String(port), '--host', '127.0.0.1', '--collect', resultsDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve --collect did not start in 60 s:\n${output}`)), 60_000);
    const read = (d: Buffer) => {
      output += d.toString();
      if (output.includes('Board key for another screen:')) {
        clearTimeout(timer);
        resolve();
      }
    };
    server.stdout?.on('data', read);
    server.stderr?.on('data', read);
    server.once('exit', (code) => reject(new Error(`serve --collect exited (${code}):\n${output}`)));
  });
  base = `http://127.0.0.1:${port}`;
  boardKey = /Board key for another screen: (\S+)/.exec(output)?.[1] ?? '';
  expect(boardKey).toMatch(/^[\w-]{8,}$/);
});

test.afterAll(() => {
  server?.kill();
  if (resultsDir) rmSync(resultsDir, { recursive: true, force: true });
});

/** The facilitator's lesson link: First CNN, wasm, 300 images, 3 epochs, an easy goal, class code "e2e-class". */
async function makeLessonLink(page: Page): Promise<string> {
  await page.goto(`${base}/`);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(page.getByTestId('train-button')).toBeEnabled();
  await setQuickRun(page, { epochs: 3 });
  await page.getByTestId('lessons-menu').click();
  await page.getByTestId('menu-create-lesson').click();
  await page.getByTestId('lesson-dialog-title-input').fill('Board lesson');
  await page.getByTestId('lesson-goal-value').fill('0.05');
  // This server collects: the dialog offers a class code, and the link carries it.
  await expect(page.getByTestId('lesson-class-board')).toBeVisible();
  await page.getByTestId('lesson-class-code').fill('e2e-class');
  await page.getByTestId('lesson-copy-link').click();
  const link = await page.getByTestId('lesson-link-output').inputValue();
  expect(link.startsWith(`${base}/#lesson=l1.`)).toBe(true);
  return link;
}

/** A participant opens the link, types a nickname and trains; resolves once the run has ended. */
async function participant(browser: Browser, link: string, nickname: string, learningRate: number, offlineAtEnd = false) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(link);
  await expect(page.getByTestId('lesson-title')).toHaveText('Board lesson');
  await expect(page.getByTestId('class-board-privacy')).toContainText('Images never leave this computer');
  await page.getByTestId('class-nickname').fill(nickname);
  await page.getByTestId('class-nickname').press('Enter');
  // The lesson leaves the learning rate editable: each tries their own, for the "what worked" panel.
  await page.getByTestId('training-tab-settings').click();
  await setNumber(page, 'learningRate', learningRate);
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('progress-backend')).toHaveText('wasm', { timeout: 60_000 });
  // Offline before the run ends: the result must wait, not be lost, and go once the network is back.
  if (offlineAtEnd) await context.setOffline(true);
  await expectRunDone(page, 180_000);
  return { context, page };
}

test('three participants train a lesson and the board lists them live; bad posts are refused', async ({ page, browser }) => {
  test.setTimeout(360_000);
  const link = await makeLessonLink(page);

  const board = await page.context().newPage();
  await board.goto(`${base}/board?class=e2e-class`);
  await expect(board.getByTestId('board-feed')).toHaveAttribute('data-state', 'server');
  await expect(board.getByTestId('board-empty')).toContainText('Waiting for the first results');

  const people = await Promise.all([participant(browser, link, 'Ada', 0.001), participant(browser, link, 'Ben', 0.01), participant(browser, link, 'Cyd', 0.0001, true)]);
  const [, , cyd] = people;
  await expect(people[0].page.getByTestId('class-board-status')).toHaveAttribute('data-sent', '1', { timeout: 30_000 });
  await expect(cyd.page.getByTestId('class-board-status')).toHaveAttribute('data-waiting', '1');
  await expect(cyd.page.getByTestId('class-board-status')).toContainText('waiting');
  await cyd.context.setOffline(false);
  await expect(cyd.page.getByTestId('class-board-status')).toHaveAttribute('data-sent', '1', { timeout: 30_000 });

  // The board has all three, without a reload, with a metric each.
  const rows = board.getByTestId('board-row');
  await expect(rows).toHaveCount(3, { timeout: 30_000 });
  expect((await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-nickname')))).sort()).toEqual(['Ada', 'Ben', 'Cyd']);
  for (const v of await board.getByTestId('board-value').allTextContents()) expect(v).toMatch(/^\d\.\d{3}$/);
  await expect(board.locator('[data-testid="board-row"][data-best="true"]')).toHaveCount(1);
  await expect(board.getByTestId('board-overlay')).toHaveAttribute('data-series', '3');
  await expect(board.getByTestId('board-what-worked')).toHaveAttribute('data-groups', '3');
  await board.getByTestId('board-what-worked-setting').selectOption('depth');
  await expect(board.getByTestId('board-what-worked')).toHaveAttribute('data-groups', '1');
  await board.getByTestId('board-what-worked-setting').selectOption('learningRate');

  // Sorting by nickname, descending.
  await board.getByTestId('board-sort-nickname').click();
  await board.getByTestId('board-sort-nickname').click();
  expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-nickname')))).toEqual(['Cyd', 'Ben', 'Ada']);

  // A row: its curves, its confusion matrix, its graph.
  await rows.filter({ hasText: 'Ben' }).click();
  const detail = board.getByTestId('board-detail');
  await expect(detail).toBeVisible();
  await expect(detail.getByTestId('board-confusion')).toBeVisible();
  await expect(detail.getByTestId('board-graph-thumbnail')).toBeVisible();
  await board.screenshot({ path: `${SHOTS}/board.png`, fullPage: true });
  await expectNoAxeViolations(board, '/board with three runs and one open');

  // Open read-only: a new editor tab with Ben's graph as a locked lesson.
  const popup = board.waitForEvent('popup');
  await detail.getByTestId('board-open-readonly').click();
  const view = await popup;
  await expect(view.getByTestId('lesson-title')).toHaveText("Ben's graph (view only)");
  await view.getByTestId('node-card').first().click();
  await expect(view.getByTestId('inspector-delete')).toHaveCount(0);
  await view.waitForTimeout(500);
  await view.close();
  // A scratch tab: the facilitator's own autosaved graph is not replaced by it.
  expect(await page.evaluate(() => localStorage.getItem('convas.editor.v1') ?? '')).not.toContain('view only');

  // On disk: one line per participant in the class's file.
  const lines = readFileSync(join(resultsDir, 'e2e-class.jsonl'), 'utf8').trim().split('\n');
  expect(lines.map((l) => JSON.parse(l).result.participant.nickname).sort()).toEqual(['Ada', 'Ben', 'Cyd']);
  // Never an image: no data URL or pixel arrays in what was sent.
  expect(lines.join('\n')).not.toMatch(/data:image|"pixels"|"samples"/);

  // Bad posts from a participant's page get 4xx; the server keeps serving.
  const statuses = await people[0].page.evaluate(async () => {
    const post = (body: string, type = 'application/json') => fetch('/api/results', { method: 'POST', headers: { 'Content-Type': type }, body }).then((r) => r.status);
    // A real result with a hostile nickname and a new submission id (this page is on the server's machine).
    const stored = (await fetch('/api/board?class=e2e-class').then((r) => r.json())).entries[0].result;
    const hostile = { ...stored, submissionId: 'x.1.run-x', participant: { ...stored.participant, nickname: '<img src=x onerror=alert(1)>' } };
    const hostileAnswer = await fetch('/api/results', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(hostile) });
    return [
      await post('x'.repeat(300 * 1024)),
      await post('{"format":"convas-results","version":2}'),
      hostileAnswer.status,
      (await hostileAnswer.json()).error.includes('participant.nickname') ? 'names the nickname' : 'does not name it',
      await fetch('/api/board?class=e2e-class&key=wrong').then((r) => r.status),
    ];
  });
  expect(statuses).toEqual([413, 422, 422, 'names the nickname', 403]);
  await board.reload();
  await expect(board.getByTestId('board-row')).toHaveCount(3);
  for (const p of people) await p.context.close();
});

test('another screen opens the board with the printed key; a wrong key is refused', async ({ page }) => {
  // This page is on loopback like the server; make the server's answers those another machine gets: without
  // the key header the board data is refused (401), with it the real server checks the key.
  await page.route('**/api/board**', async (route) => {
    if (route.request().headers()['x-convas-key'] === undefined) return route.fulfill({ status: 401, contentType: 'application/json', body: JSON.stringify({ error: 'The class board opens on the facilitator’s machine, or with the key.' }) });
    return route.continue();
  });
  await page.goto(`${base}/board?class=e2e-class`);
  await expect(page.getByTestId('board-feed')).toHaveAttribute('data-state', 'locked');
  await expectNoAxeViolations(page, '/board asking for its key');
  await page.getByTestId('board-key').fill('not-the-key');
  await page.getByTestId('board-key').press('Enter');
  await expect(page.getByText('Wrong board key')).toBeVisible();
  await page.getByTestId('board-key').fill(boardKey);
  await page.getByTestId('board-key').press('Enter');
  await expect(page.getByTestId('board-feed')).toHaveAttribute('data-state', 'server');
  await expect(page.getByTestId('board-row')).toHaveCount(3);
  // Given in the address, the key leaves the address bar (it is on the projector) and stays for this tab.
  await page.goto(`${base}/board?class=e2e-class&key=${boardKey}`);
  await expect(page.getByTestId('board-row')).toHaveCount(3);
  expect(page.url()).not.toContain('key=');
});
