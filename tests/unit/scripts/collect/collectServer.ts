import { mkdir, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createCollector, type Collector, type CollectorOptions } from '../../../../scripts/collect/collectHandler';
import { createConvasServer } from '../../../../scripts/staticServer.mjs';

/** A collecting server as serve.mjs builds it (a one-page fake build), on 127.0.0.1 and a free port. */
export async function startCollectServer(root: string, options: Partial<CollectorOptions> = {}): Promise<{ url: string; collector: Collector; dir: string; close: () => Promise<void> }> {
  const out = join(root, 'out');
  await mkdir(out, { recursive: true });
  await writeFile(join(out, 'index.html'), '<!doctype html><title>Convas</title>');
  const dir = options.dir ?? join(root, 'results');
  const collector = createCollector({ ...options, dir });
  await collector.store.load();
  const server: Server = createConvasServer(out, { api: collector.handle });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    collector,
    dir,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** POSTs `body` (an object becomes JSON) to /api/results. */
export function postResult(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${url}/api/results`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
