// Writes the service worker's precache list into out/sw.js after `next build` (npm's postbuild): every
// file of the static export by the URL the browser asks for ('/learn' for learn.html), and a VERSION that
// is a hash of all their contents, so each new build installs a fresh cache and removes the old one.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const out = join(fileURLToPath(new URL('..', import.meta.url)), 'out');
const swPath = join(out, 'sw.js');

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/** The URL a file is requested by: pages without .html ('/', '/learn'), everything else as it is. */
function urlOf(file) {
  const path = '/' + relative(out, file).split(sep).join('/');
  if (path === '/index.html') return '/';
  if (path.endsWith('/index.html')) return path.slice(0, -'/index.html'.length);
  if (path.endsWith('.html')) return path.slice(0, -'.html'.length);
  return path;
}

let sw;
try {
  sw = readFileSync(swPath, 'utf8');
} catch {
  console.error('precacheManifest: out/sw.js not found; run next build first');
  process.exit(1);
}
const files = walk(out)
  .filter((f) => f !== swPath && !f.endsWith('.map'))
  .sort();
const hash = createHash('sha256');
for (const f of files) hash.update(relative(out, f)).update(readFileSync(f));
const version = hash.digest('hex').slice(0, 16);
const urls = files.map(urlOf);

const next = sw
  .replace("const VERSION = 'dev';", `const VERSION = '${version}';`)
  .replace('const PRECACHE = [];', `const PRECACHE = ${JSON.stringify(urls)};`);
if (next === sw || !next.includes(version)) {
  console.error('precacheManifest: the VERSION/PRECACHE lines of out/sw.js were not found; was public/sw.js changed?');
  process.exit(1);
}
writeFileSync(swPath, next);
const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
console.log(`precacheManifest: ${urls.length} files (${(bytes / 1e6).toFixed(1)} MB) precached by out/sw.js, version ${version}`);
