/**
 * The workshop server (scripts/staticServer.mjs, what serve.mjs runs) on 127.0.0.1 over a small fake build:
 * pages with and without a trailing slash, the isolation headers, 404s, the requests that used to kill it
 * (issue 13), the limits, and a fuzz of request paths after which it must still answer.
 */
import fc from 'fast-check';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { convasHandler, createConvasServer, SERVER_LIMITS } from '../../../scripts/staticServer.mjs';
import { FUZZ_RUNS, FUZZ_SEED } from '../fuzz/mutate';
import { scratchDirs } from './cli/harness';

const scratch = scratchDirs('convas-serve-');
let port = 0;
let close: () => Promise<void> = async () => {};

/** One raw HTTP/1.1 exchange (no client-side URL cleaning, like curl --path-as-is): the status line's code, or 0 if the socket closed without one. */
function raw(request: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer in 5 s to ${JSON.stringify(request.slice(0, 80))}`));
    }, 5000);
    socket.on('data', (d) => (text += d.toString('latin1')));
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0));
    });
    socket.write(request);
  });
}
const get = (path: string) => raw(`GET ${path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`);

let dir = '';
beforeAll(async () => {
  dir = await scratch();
  await mkdir(join(dir, 'learn'), { recursive: true });
  await mkdir(join(dir, '_next', 'static', 'chunks'), { recursive: true });
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>Convas</title>');
  await writeFile(join(dir, 'learn.html'), '<!doctype html><title>Learn</title>');
  await writeFile(join(dir, 'learn', 'data.txt'), 'data');
  await writeFile(join(dir, '404.html'), '<!doctype html><title>Not found</title>');
  await writeFile(join(dir, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  await writeFile(join(dir, '_next', 'static', 'chunks', 'a1b2.js'), 'console.log(1)');
  await writeFile(join(dir, '..', 'secret.txt'), 'outside the build');
  const server = createConvasServer(dir);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  close = () => new Promise((resolve) => server.close(() => resolve()));
});
afterAll(() => close());

describe('static server', () => {
  it('serves pages with and without a trailing slash, with COOP/COEP and cache headers', async () => {
    for (const path of ['/', '/learn', '/learn/', '/learn/?topic=convolution', '/sw.js', '/_next/static/chunks/a1b2.js']) {
      const res = await fetch(`http://127.0.0.1:${port}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('cross-origin-opener-policy'), path).toBe('same-origin');
      expect(res.headers.get('cross-origin-embedder-policy'), path).toBe('require-corp');
    }
    expect((await fetch(`http://127.0.0.1:${port}/learn/`)).headers.get('content-type')).toContain('text/html');
    expect(await (await fetch(`http://127.0.0.1:${port}/learn`)).text()).toContain('Learn');
    expect((await fetch(`http://127.0.0.1:${port}/sw.js`)).headers.get('cache-control')).toBe('no-cache');
    expect((await fetch(`http://127.0.0.1:${port}/_next/static/chunks/a1b2.js`)).headers.get('cache-control')).toContain('immutable');
    const missing = await fetch(`http://127.0.0.1:${port}/no-such-page/`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    expect(await missing.text()).toContain('Not found');
  });

  it('answers the requests that used to stop it with 400 and keeps serving (issue 13 reproducers)', async () => {
    expect(await get('/%')).toBe(400);
    expect(await get('/%c0%ae%c0%ae/')).toBe(400);
    expect(await get('/a%00b')).toBe(400);
    expect(await get('/%2e%2e/secret.txt')).toBe(404);
    expect(await get('/../secret.txt')).toBe(404);
    expect(await get('/..%2fsecret.txt')).toBe(404);
    expect(await get('/')).toBe(200);
  });

  it('refuses bodies, other methods, long addresses and oversized headers', async () => {
    expect(await raw('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello')).toBe(405);
    expect(await raw('GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello')).toBe(413);
    // A 10 GB upload announced but never sent: answered at once and the connection closed, not waited for.
    expect(await raw('PUT /x HTTP/1.1\r\nHost: x\r\nContent-Length: 10000000000\r\n\r\n')).toBe(405);
    expect(await raw('GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n')).toBe(413);
    expect(await get(`/${'a'.repeat(SERVER_LIMITS.maxUrlLength + 1)}`)).toBe(414);
    expect(await raw(`GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(SERVER_LIMITS.maxHeaderBytes + 10)}\r\n\r\n`)).toBe(431);
    expect(await raw('NOT HTTP AT ALL\r\n\r\n')).toBe(400);
    expect(await get('/learn')).toBe(200);
  });

  it('a file deleted after start (a rebuild while serving) ends that response, and the server keeps serving', async () => {
    await writeFile(join(dir, 'gone.js'), 'soon deleted');
    const server = createConvasServer(dir);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const at = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      await rm(join(dir, 'gone.js'));
      await expect(fetch(`${at}/gone.js`).then((r) => r.text())).rejects.toThrow();
      expect((await fetch(`${at}/learn`)).status).toBe(200);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('a handler that throws answers 500 instead of stopping the server', () => {
    const handler = convasHandler(dir);
    const sent: { status?: number; body?: string } = {};
    const req = { method: 'GET', headers: {}, get url(): string { throw new Error('broken request object'); } };
    const res = { headersSent: false, writeHead: (status: number) => (sent.status = status), end: (body: string) => (sent.body = body), destroy: () => {} };
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    handler(req as unknown as IncomingMessage, res as unknown as ServerResponse);
    quiet.mockRestore();
    expect(sent).toEqual({ status: 500, body: 'Internal server error.\n' });
  });

  it('ignores Range headers whose numbers would break the file stream', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/sw.js`, { headers: { Range: 'bytes=9-2' } });
    expect(res.status).toBe(200);
    expect((await res.text()).length).toBeGreaterThan(9);
  });

  it('fuzz: 1,000 random request paths each end in a status, and the server still answers', async () => {
    // Paths made of the characters that matter to URL decoding and path handling; seeded, so reruns repeat.
    const piece = fc.oneof(
      fc.constantFrom('/', '..', '.', '%', '%2e', '%2f', '%5c', '%00', '%c0%ae', '%ff', '%e0%80', '\\', '?', '#', '//', 'learn', 'index.html', '_next', '~', ';', '%25'),
      fc.string({ maxLength: 6 }).map((s) => encodeURIComponent(s)),
      fc.integer({ min: 0, max: 255 }).map((b) => `%${b.toString(16).padStart(2, '0')}`),
    );
    const path = fc.array(piece, { maxLength: 12 }).map((parts) => `/${parts.join('')}`);
    const statuses = new Map<number, number>();
    const t0 = performance.now();
    await fc.assert(
      fc.asyncProperty(path, async (p) => {
        const status = await get(p);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        expect([200, 400, 404]).toContain(status);
      }),
      { numRuns: FUZZ_RUNS, seed: FUZZ_SEED + 31 },
    );
    console.info(`fuzz serve request paths: ${FUZZ_RUNS} requests (${[...statuses].map(([k, v]) => `${v} x ${k}`).join(', ')}) in ${((performance.now() - t0) / 1000).toFixed(2)} s`);
    expect(await get('/')).toBe(200);
    expect(statuses.get(400)).toBeGreaterThan(0);
    expect(statuses.get(404)).toBeGreaterThan(0);
  });
});
