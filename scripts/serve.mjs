#!/usr/bin/env node
/**
 * Serves the static build in out/ with the headers Convas needs (see staticServer.mjs).
 * Usage: node scripts/serve.mjs [--port 3000] [--host 127.0.0.1] [--dir out]
 * By default only this machine can open it (127.0.0.1). A workshop facilitator opens it to the room with
 * `--host 0.0.0.0`; participants then open http://<laptop-ip>:3000.
 */
import { stat } from 'node:fs/promises';
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

const server = createConvasServer(root);
server.on('error', (error) => {
  console.error(`Cannot serve on ${host}:${port}: ${error.message}`);
  process.exit(1);
});
server.listen(port, host, () => {
  const { port: bound } = server.address();
  const room = host === '127.0.0.1' || host === 'localhost' || host === '::1' ? ' (this machine only; --host 0.0.0.0 opens it to the network)' : '';
  console.log(`Convas is serving ${root} on http://localhost:${bound} (host ${host})${room}`);
});
