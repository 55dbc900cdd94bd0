#!/usr/bin/env node
/**
 * Serves the static build in out/ with the headers Convas needs (see staticServer.mjs).
 * Usage: node scripts/serve.mjs [--port 3000] [--host 127.0.0.1] [--dir out] [--collect <folder> [--key <key>]]
 * By default only this machine can open it (127.0.0.1). A workshop facilitator opens it to the room with
 * `--host 0.0.0.0`; participants then open http://<laptop-ip>:3000.
 * `--collect <folder>` adds the class board: participants' finished lesson runs are POSTed to /api/results
 * and stored in <folder>, one file per class; /board shows them (on this machine, or with the printed key).
 */
import { stat } from 'node:fs/promises';
import { networkInterfaces } from 'node:os';
import { join, resolve } from 'node:path';
import { createConvasServer } from './staticServer.mjs';

const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const port = Number(arg('port', process.env.PORT ?? '3000'));
const host = arg('host', process.env.HOST ?? '127.0.0.1');
const root = resolve(arg('dir', 'out'));
const collectIndex = args.indexOf('--collect');
const collectDir = collectIndex >= 0 ? args[collectIndex + 1] : undefined;
if (collectIndex >= 0 && (!collectDir || collectDir.startsWith('--'))) {
  console.error('--collect wants a folder for the class results, e.g. --collect class-results');
  process.exit(2);
}

if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port wants a whole number from 0 to 65535, got "${arg('port', process.env.PORT ?? '')}".`);
  process.exit(2);
}

try {
  await stat(join(root, 'index.html'));
} catch {
  console.error(`No build found in ${root}. Run "npm run build" first (npm start does it for you).`);
  process.exit(1);
}

/** The class board's collector (TypeScript shared with the app's result format, loaded through tsx). */
async function startCollector(dir) {
  let tsImport;
  try {
    ({ tsImport } = await import('tsx/esm/api'));
  } catch {
    console.error('--collect needs the development packages (tsx): run "npm ci" in the Convas folder first.');
    process.exit(1);
  }
  const { createCollector } = await tsImport('./collect/collectHandler.ts', import.meta.url);
  const collector = createCollector({ dir: resolve(dir), key: arg('key', process.env.CONVAS_BOARD_KEY) });
  try {
    const report = await collector.store.load();
    console.log(`Collecting class results in ${resolve(dir)}: ${report.results} results of ${report.classes} classes read back.`);
    if (report.skipped > 0) console.warn(`Skipped ${report.skipped} unreadable lines (${report.skippedAt.join(', ')}); they stay in the files, unread.`);
  } catch (error) {
    console.error(`Cannot use ${resolve(dir)} for class results: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  return collector;
}

const collector = collectDir ? await startCollector(collectDir) : null;
const server = createConvasServer(root, collector ? { api: collector.handle } : {});
server.on('error', (error) => {
  console.error(`Cannot serve on ${host}:${port}: ${error.message}`);
  process.exit(1);
});
server.listen(port, host, () => {
  const { port: bound } = server.address();
  const room = host === '127.0.0.1' || host === 'localhost' || host === '::1' ? ' (this machine only; --host 0.0.0.0 opens it to the network)' : '';
  console.log(`Convas is serving ${root} on http://localhost:${bound} (host ${host})${room}`);
  if (collector) {
    // Where participants reach this server: every external IPv4 address when listening on all of them.
    const wildcard = host === '0.0.0.0' || host === '::';
    const ips = wildcard
      ? Object.values(networkInterfaces()).flatMap((list) => (list ?? []).filter((a) => a.family === 'IPv4' && !a.internal).map((a) => a.address))
      : room ? [] : [host];
    collector.origins = ips.map((ip) => `http://${ip}:${bound}`);
    console.log(`Class board: http://localhost:${bound}/board (on this machine; lesson links made here send results to it)`);
    const there = collector.origins[0] ?? `http://<this-laptop>:${bound}`;
    console.log(`Board key for another screen: ${collector.key}  (open ${there}/board?key=${collector.key})`);
    if (collector.origins.length) console.log(`Participants open: ${collector.origins.join('  ')}`);
  }
});
