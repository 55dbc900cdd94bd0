/**
 * Runs scripts/bench/pytorch.py with Debian's /usr/bin/python3 (python3-torch) alone and returns its figures;
 * a missing interpreter or torch is a skip with the reason, not a failure. The bench normally measures
 * PyTorch alternately with Convas instead (./versus.ts); this is its fallback without Chromium.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BenchFigure } from './kernels';

const PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./pytorch.py', import.meta.url));

/** `cnn_img_per_s_pytorch`, `unet_img_per_s_pytorch` (and per CPU-second), or [] with a logged reason. */
export async function benchPytorch(opts: { log?: (line: string) => void; steps?: number } = {}): Promise<BenchFigure[]> {
  const log = opts.log ?? ((line: string) => console.error(line));
  if (!existsSync(PYTHON)) {
    log(`pytorch: skipped, ${PYTHON} not found`);
    return [];
  }
  const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    // PyTorch's defaults: no wait-policy or thread override from here (pytorch.py takes one thread per core).
    const env = { ...process.env };
    delete env.OMP_WAIT_POLICY;
    delete env.OMP_NUM_THREADS;
    const child = spawn(PYTHON, [SCRIPT, '--json', '--steps', String(Math.max(30, opts.steps ?? 30))], { stdio: ['ignore', 'pipe', 'pipe'], env });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (err += d));
    child.on('error', reject);
    child.on('close', (c) => resolve({ code: c, stdout: out, stderr: err }));
  });
  if (code === 3) {
    log(`pytorch: skipped, ${stderr.trim()}`);
    return [];
  }
  if (code !== 0) throw new Error(`pytorch.py exited with ${code}: ${stderr.trim().split('\n').at(-1) ?? ''}`);
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as BenchFigure);
}
