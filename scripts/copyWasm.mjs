// Copies tfjs-backend-wasm's binaries into public/wasm/ (git-ignored), so the browser loads them from
// the app's own origin (engine/backends/init.ts: setWasmPaths('/wasm/')). Runs before `next dev` and
// `next build` (predev/prebuild); copies only files that changed.
import { copyFileSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const from = join(root, 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist');
const to = join(root, 'public', 'wasm');

const binaries = readdirSync(from).filter((f) => f.endsWith('.wasm'));
if (binaries.length === 0) {
  console.error(`copyWasm: no .wasm files in ${from}; run npm install`);
  process.exit(1);
}
mkdirSync(to, { recursive: true });
let copied = 0;
for (const name of binaries) {
  const src = join(from, name);
  const dst = join(to, name);
  let same = false;
  try {
    const a = statSync(src);
    const b = statSync(dst);
    same = a.size === b.size && a.mtimeMs <= b.mtimeMs;
  } catch {
    same = false;
  }
  if (!same) {
    copyFileSync(src, dst);
    copied++;
  }
}
console.log(`copyWasm: ${binaries.length} binaries in public/wasm/ (${copied} copied)`);
