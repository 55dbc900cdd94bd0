/**
 * The collecting server (scripts/collect/) over real HTTP on 127.0.0.1: a result is on disk before it is
 * acknowledged, a retry is stored once, a restart reads the class back skipping corrupt lines, bad posts get
 * 4xx and the server keeps serving, and the board's data needs loopback or the key.
 */
import { appendFile, readFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isLoopbackAddress, isLoopbackHost } from '../../../../scripts/collect/collectHandler';
import { createRateLimiter } from '../../../../scripts/collect/rateLimit';
import { scratchDirs } from '../cli/harness';
import { postResult, startCollectServer } from './collectServer';
import { sampleResult } from './sampleResult';

const scratch = scratchDirs('convas-collect-');
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

async function start(options: Parameters<typeof startCollectServer>[1] = {}, root?: string) {
  const s = await startCollectServer(root ?? (await scratch()), options);
  closers.push(s.close);
  return s;
}

const lines = async (file: string) => (await readFile(file, 'utf8')).split('\n').filter((l) => l !== '');

describe('collecting results', () => {
  it('stores a result on disk before answering 201, and a retry of the same run once (200 duplicate)', async () => {
    const s = await start();
    const first = await postResult(s.url, sampleResult(1));
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ status: 'stored', seq: 1 });
    expect(await lines(join(s.dir, 'ward-3.jsonl'))).toHaveLength(1);
    const again = await postResult(s.url, sampleResult(1));
    expect(again.status).toBe(200);
    expect((await again.json()).status).toBe('duplicate');
    expect(await lines(join(s.dir, 'ward-3.jsonl'))).toHaveLength(1);

    const board = await (await fetch(`${s.url}/api/board?class=ward-3`)).json();
    expect(board.total).toBe(1);
    expect(board.entries[0].result.participant.nickname).toBe('Student 1');
    expect((await (await fetch(`${s.url}/api/board`)).json()).classes).toEqual([{ code: 'ward-3', results: 1 }]);
    expect((await (await fetch(`${s.url}/api/board?class=ward-3&since=1`)).json()).entries).toEqual([]);
    s.collector.origins = ['http://192.168.1.20:3000'];
    expect(await (await fetch(`${s.url}/api/collect`)).json()).toEqual({ collecting: true, origins: ['http://192.168.1.20:3000'] });
  });

  it('survives a restart: results read back from the class file, corrupt and torn lines skipped, appends go on', async () => {
    const root = await scratch();
    const s1 = await start({}, root);
    for (const n of [1, 2, 3]) expect((await postResult(s1.url, sampleResult(n))).status).toBe(201);
    await s1.close();
    closers.pop();
    const file = join(s1.dir, 'ward-3.jsonl');
    // A hand edit, a result that fails the schema, and a line cut off by a crash (no newline at the end).
    await appendFile(file, 'not json\n{"receivedAt":"2026-01-01T00:00:00Z","result":{"format":"convas-results","version":2}}\n{"seq":9,"receivedAt":"2026');

    const s2 = await start({}, root);
    const report = await s2.collector.store.load(); // a second load on the same folder reads the same
    expect(report.skipped).toBe(3);
    const board = await (await fetch(`${s2.url}/api/board?class=ward-3`)).json();
    expect(board.entries.map((e: { result: { participant: { nickname: string } } }) => e.result.participant.nickname)).toEqual(['Student 1', 'Student 2', 'Student 3']);
    expect((await postResult(s2.url, sampleResult(4))).status).toBe(201);
    // The new line starts on its own line, after the torn one.
    const text = await readFile(file, 'utf8');
    expect(text.split('\n').at(-2)).toContain('"Student 4"');
    expect((await postResult(s2.url, sampleResult(2))).status).toBe(200); // still a duplicate after the restart
  });
});

describe('bad posts get 4xx and the server keeps serving', () => {
  const hostile = () => {
    const r = sampleResult(7) as { participant: { nickname: string } };
    r.participant.nickname = '<script>alert(1)</script>';
    return r;
  };

  it.each([
    ['oversize (300 KB)', (url: string) => postResult(url, { ...sampleResult(8), padding: 'x'.repeat(300 * 1024) }), 413],
    ['not JSON', (url: string) => postResult(url, '{"format": "convas-results",'), 400],
    ['invalid document', (url: string) => postResult(url, { format: 'convas-results', version: 2, title: 5 }), 422],
    ['hostile nickname', (url: string) => postResult(url, hostile()), 422],
    ['no class code', (url: string) => postResult(url, { ...sampleResult(9), classCode: null }), 422],
    ['wrong content type', (url: string) => postResult(url, sampleResult(10), { 'Content-Type': 'text/plain' }), 415],
    ['GET on the post endpoint', (url: string) => fetch(`${url}/api/results`), 405],
    ['an unknown endpoint', (url: string) => fetch(`${url}/api/nothing`), 404],
    ['wrong key', (url: string) => fetch(`${url}/api/board?class=ward-3&key=nope`), 403],
    ['wrong key as header', (url: string) => fetch(`${url}/api/board`, { headers: { 'X-Convas-Key': 'nope' } }), 403],
    ['bad class code on the board', (url: string) => fetch(`${url}/api/board?class=..%2Fx`), 400],
  ] as const)('%s', async (_name, send, status) => {
    const s = await start();
    const res = await send(s.url);
    expect(res.status).toBe(status);
    if (res.status !== 405 && res.status !== 404) expect((await res.json()).error).toMatch(/\w/);
    expect((await fetch(`${s.url}/`)).status).toBe(200);
    expect((await postResult(s.url, sampleResult(1))).status).toBe(201);
    expect(await lines(join(s.dir, 'ward-3.jsonl'))).toHaveLength(1);
  });

  it('a body streamed past 256 KB without a length is cut off with 413', async () => {
    const s = await start();
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${s.url}/api/results`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' } }, (res) => resolve(res.statusCode ?? 0));
      req.on('error', reject);
      const chunk = 'x'.repeat(64 * 1024);
      for (let i = 0; i < 6; i++) req.write(chunk);
      req.end();
    });
    expect(status).toBe(413);
    expect((await postResult(s.url, sampleResult(2))).status).toBe(201);
  });

  it('the board needs loopback or the key; posting does not', async () => {
    const s = await start({ isLocal: () => false, key: 'class-key-123' });
    expect((await fetch(`${s.url}/api/board`)).status).toBe(401);
    // Another machine learns that the server collects, not where else it can be reached.
    expect(await (await fetch(`${s.url}/api/collect`)).json()).toEqual({ collecting: true });
    expect((await fetch(`${s.url}/api/board?key=class-key-12`)).status).toBe(403);
    expect((await fetch(`${s.url}/api/board?key=class-key-123`)).status).toBe(200);
    expect((await fetch(`${s.url}/api/board`, { headers: { 'X-Convas-Key': 'class-key-123' } })).status).toBe(200);
    expect((await postResult(s.url, sampleResult(3))).status).toBe(201);
  });

  it('a client posting in a loop gets 429 with Retry-After; others are not held up', async () => {
    const s = await start({ rate: { capacity: 3, refillPerSecond: 0.5 } });
    const statuses = [];
    for (let n = 0; n < 5; n++) statuses.push((await postResult(s.url, sampleResult(n))).status);
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    const limited = await postResult(s.url, sampleResult(6));
    expect(limited.headers.get('retry-after')).toBe('2');
    expect((await fetch(`${s.url}/api/board?class=ward-3`)).status).toBe(200);
  });
});

describe('helpers', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.10.0.3', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['192.168.1.20', false],
    ['::ffff:10.0.0.2', false],
    [undefined, false],
  ])('isLoopbackAddress(%s) is %s', (address, expected) => {
    expect(isLoopbackAddress(address)).toBe(expected);
  });

  it.each([
    ['localhost:3000', true],
    ['127.0.0.1:3000', true],
    ['[::1]:3000', true],
    ['localhost', true],
    ['evil.example:3000', false],
    ['127.0.0.1.evil.example', false],
    [undefined, false],
  ])('isLoopbackHost(%s) is %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });

  it('from loopback under another name (DNS rebinding) the board needs the key', async () => {
    const s = await start();
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${s.url}/api/board`, { headers: { Host: 'evil.example:3000' } }, (res) => resolve(res.statusCode ?? 0));
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(401);
  });

  it('the token bucket refills at its rate', () => {
    let t = 0;
    const limiter = createRateLimiter({ capacity: 2, refillPerSecond: 1, now: () => t });
    expect([limiter.take('a').ok, limiter.take('a').ok, limiter.take('a').ok, limiter.take('b').ok]).toEqual([true, true, false, true]);
    t = 999;
    expect(limiter.take('a')).toEqual({ ok: false, retryAfterSeconds: 1 });
    t = 2000;
    expect(limiter.take('a').ok).toBe(true);
  });
});
