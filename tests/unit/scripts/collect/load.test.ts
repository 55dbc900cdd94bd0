/**
 * Load: 60 simulated participants post their results at once to a collecting server on 127.0.0.1 (all from
 * one address, as a room behind one router would). Nothing is lost: every accepted result is on the board
 * and on disk, and a restart reads all of them back. Prints how long the room took.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { scratchDirs } from '../cli/harness';
import { postResult, startCollectServer } from './collectServer';
import { sampleResult } from './sampleResult';

const scratch = scratchDirs('convas-load-');
const PARTICIPANTS = 60;
let close = async () => {};
afterAll(() => close());

it(`${PARTICIPANTS} participants posting concurrently lose nothing`, async () => {
  const root = await scratch();
  const s = await startCollectServer(root);
  close = s.close;
  const bodies = Array.from({ length: PARTICIPANTS }, (_, n) => sampleResult(n, { nickname: `P${n}` }));
  const started = performance.now();
  // Every participant at once, each also retrying once (a lost answer): the retry must not add a copy.
  const answers = await Promise.all(bodies.flatMap((b) => [postResult(s.url, b), postResult(s.url, b)]));
  const ms = performance.now() - started;
  const statuses = answers.map((a) => a.status);
  expect(statuses.filter((x) => x === 201)).toHaveLength(PARTICIPANTS);
  expect(statuses.filter((x) => x === 200)).toHaveLength(PARTICIPANTS);
  console.log(`load: ${PARTICIPANTS} participants x 2 posts in ${ms.toFixed(0)} ms (${((2 * PARTICIPANTS) / (ms / 1000)).toFixed(0)} posts/s)`);

  const ids = bodies.map((b) => b.submissionId as string).sort();
  const board = await (await fetch(`${s.url}/api/board?class=ward-3`)).json();
  expect(board.entries.map((e: { result: { submissionId: string } }) => e.result.submissionId).sort()).toEqual(ids);
  expect(new Set(board.entries.map((e: { seq: number }) => e.seq)).size).toBe(PARTICIPANTS);

  const disk = (await readFile(join(s.dir, 'ward-3.jsonl'), 'utf8')).trim().split('\n');
  expect(disk.map((l) => JSON.parse(l).result.submissionId).sort()).toEqual(ids);

  await s.close();
  const again = await startCollectServer(root);
  close = again.close;
  const back = await (await fetch(`${again.url}/api/board?class=ward-3`)).json();
  expect(back.total).toBe(PARTICIPANTS);
});
