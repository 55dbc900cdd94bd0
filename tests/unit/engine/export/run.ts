/**
 * Helpers of the tests that run exports for real: a scratch folder inside the repository (its node_modules
 * resolve from there), files written out, tiny PNG datasets, and one batch call of Debian's Python.
 * Not a test file.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { PNG } from 'pngjs';
import type { ExportFile } from '@/engine/export';

/**
 * Debian's interpreter (the pyenv python3 first on PATH cannot import torch); CONVAS_PYTHON overrides it,
 * e.g. to see the no-torch path.
 */
export const PYTHON = process.env.CONVAS_PYTHON || '/usr/bin/python3';

/** A fresh folder under the repository's ignored tmp/ (removed by `cleanup`). */
export function scratch(prefix: string): { dir: string; cleanup: () => void } {
  mkdirSync(resolve('tmp'), { recursive: true });
  const dir = mkdtempSync(resolve('tmp', `${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function writeFiles(dir: string, files: readonly ExportFile[]): void {
  mkdirSync(dir, { recursive: true });
  for (const f of files) writeFileSync(join(dir, f.path), f.content);
}

/** Colour types of the test PNGs: 0 grey, 2 RGB, 4 grey + alpha, 6 RGBA (pngjs picks the row filters). */
export type PngColor = 0 | 2 | 4 | 6;

/**
 * Writes a PNG of a seeded pattern and returns the pixels a decoder must give back, (H, W, C) with the alpha
 * dropped: one grey sample for types 0/4, RGB for 2/6. Grey images have R = G = B and every alpha is 255, so
 * the expected values do not depend on how an encoder folds colour or alpha into grey.
 */
export function writePng(path: string, width: number, height: number, color: PngColor, seed: number): number[] {
  const png = new PNG({ width, height });
  const grey = color === 0 || color === 4;
  const expected: number[] = [];
  for (let i = 0; i < width * height; i++) {
    const x = i % width;
    const y = Math.floor(i / width);
    const v = (x * 29 + y * 53 + seed * 71) % 256;
    const rgb = grey ? [v, v, v] : [v, (v * 3 + seed) % 256, (x * y + seed * 13) % 256];
    png.data.set([...rgb, 255], i * 4);
    expected.push(...(grey ? [v] : rgb));
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, PNG.sync.write(png, { colorType: color }));
  return expected;
}

/** The result of one batch run: what check_exports.py wrote, or why it did not run. */
export interface PythonRun {
  /** torch's version, or null when /usr/bin/python3 cannot import it (then `why` says so). */
  torch: string | null;
  why?: string;
  /** Set when Python itself failed (missing, crashed, timed out): never a reason to skip. */
  crashed?: string;
  results: Record<string, unknown>;
  seconds: number;
}

/** Runs tests/python/check_exports.py once over a manifest. Never throws: a failure is in `crashed`. */
export function runPython(dir: string, manifest: unknown): PythonRun {
  const manifestPath = join(dir, 'manifest.json');
  const resultsPath = join(dir, 'results.json');
  writeFileSync(manifestPath, JSON.stringify(manifest));
  const start = Date.now();
  const run = spawnSync(PYTHON, ['tests/python/check_exports.py', manifestPath, resultsPath], {
    encoding: 'utf8',
    // Below the hook's 240 s, so a hang is reported with Python's progress lines rather than as a hook timeout.
    timeout: 180_000,
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1', OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
  });
  const seconds = (Date.now() - start) / 1000;
  if (run.error || run.status !== 0) {
    const crashed = `${PYTHON} failed (${run.error?.message ?? `exit ${run.status}, signal ${run.signal}`}) after ${seconds} s: ${run.stderr?.slice(-2000) ?? ''}`;
    return { torch: null, crashed, results: {}, seconds };
  }
  const results = JSON.parse(readFileSync(resultsPath, 'utf8')) as Record<string, unknown>;
  const torch = typeof results.torch === 'string' ? results.torch : null;
  return { torch, why: torch ? undefined : `${PYTHON} cannot import torch: ${String(results.torchError)}`, results, seconds };
}

/**
 * What to do when torch is missing: in CI (process.env.CI set) fail loudly, since the PyTorch checks are
 * part of the product's guarantee; locally skip with a visible message. A Python that crashed always fails.
 */
export function requireTorch(run: PythonRun, skip: (note: string) => void): void {
  if (run.crashed) throw new Error(run.crashed);
  if (run.torch) return;
  const message = `PyTorch checks need Debian's python3-torch: ${run.why ?? 'unknown reason'}`;
  if (process.env.CI) throw new Error(message);
  console.warn(`\n*** SKIPPED: ${message}\n`);
  skip(message);
}
