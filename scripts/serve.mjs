#!/usr/bin/env node
/**
 * Serves the static build in out/ with the headers Convas needs, with nothing but Node itself:
 *   Cross-Origin-Opener-Policy: same-origin + Cross-Origin-Embedder-Policy: require-corp
 * make the page crossOriginIsolated (SharedArrayBuffer for the wasm backend).
 * Usage: node scripts/serve.mjs [--port 3000] [--host 0.0.0.0] [--dir out]
 * A workshop facilitator runs this on one laptop; participants open http://<laptop-ip>:3000.
 */
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const port = Number(arg('port', process.env.PORT ?? '3000'));
const host = arg('host', process.env.HOST ?? '0.0.0.0');
const root = resolve(arg('dir', 'out'));

const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.wasm': 'application/wasm', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.jpg': 'image/jpeg', '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json', '.woff2': 'font/woff2',
};

async function findFile(urlPath) {
  const clean = normalize(decodeURIComponent(urlPath.split('?')[0])).replace(/^([/\\])+/, '');
  const base = join(root, clean);
  if (base !== root && !base.startsWith(root + sep)) return null; // no escaping out/
  // Next's export writes /learn as learn.html next to a learn/ folder of data files, so /learn/ means learn.html.
  const trimmed = base.replace(/[/\\]+$/, '');
  for (const candidate of [base, `${base}.html`, join(base, 'index.html'), `${trimmed}.html`]) {
    try {
      if ((await stat(candidate)).isFile()) return candidate;
    } catch { /* try the next form */ }
  }
  return null;
}

try {
  await stat(join(root, 'index.html'));
} catch {
  console.error(`No build found in ${root}. Run "npm run build" first (npm start does it for you).`);
  process.exit(1);
}

const server = createServer(async (req, res) => {
  const headers = {
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'X-Content-Type-Options': 'nosniff',
  };
  const file = await findFile(req.url ?? '/');
  if (!file) {
    const notFound = await findFile('/404');
    res.writeHead(404, { ...headers, 'Content-Type': 'text/html; charset=utf-8' });
    res.end(notFound ? await readFile(notFound) : 'Not found');
    return;
  }
  const isHashed = file.includes(`${sep}_next${sep}static${sep}`);
  res.writeHead(200, {
    ...headers,
    'Content-Type': types[extname(file)] ?? 'application/octet-stream',
    'Cache-Control': isHashed ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  res.end(req.method === 'HEAD' ? undefined : await readFile(file));
});

server.listen(port, host, () => {
  console.log(`Convas is serving ${root} on http://localhost:${port} (host ${host})`);
});
