/**
 * Where the real public sample data lives for tests: ../shared/realdata relative to the repository root
 * (never copied into the repository). Tests that need it use `describe.skipIf(!HAS_REAL_DATA)`, and this
 * module says once, visibly, why they are skipped.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FileLike } from '../../../../../engine/datasets/import/source';

/** Repository root, from this file's place in tests/unit/engine/datasets/import/. */
export const REPO_ROOT = fileURLToPath(new URL('../../../../../', import.meta.url));
/** CONVAS_REALDATA overrides the place (pointing it at a missing folder shows what the skip looks like). */
export const REAL_DATA = process.env.CONVAS_REALDATA || join(REPO_ROOT, '..', 'shared', 'realdata');
export const HAS_REAL_DATA = existsSync(join(REAL_DATA, 'README.md'));
export const SKIP_REASON = `real-data tests SKIPPED: ${REAL_DATA} is absent (the public HAM10000, Brain Tumor MRI and LGG samples live there, outside the repository)`;

if (!HAS_REAL_DATA) console.warn(SKIP_REASON);

export const HAM_DIR = join(REAL_DATA, 'ham10000');
export const BRAIN_DIR = join(REAL_DATA, 'brain_mri_cls');
export const LGG_DIR = join(REAL_DATA, 'brain_mri_seg');

/** One real file as an in-memory FileLike under another path, to build layouts the samples do not have. */
export function realFile(fromRel: string, asPath: string): FileLike {
  return { path: asPath, read: async () => new Uint8Array(await readFile(join(REAL_DATA, fromRel))) };
}

/** Bytes of a real file. */
export async function realBytes(rel: string): Promise<Uint8Array> {
  return new Uint8Array(await readFile(join(REAL_DATA, rel)));
}

/** An in-memory text file. */
export function textFile(path: string, text: string): FileLike {
  return { path, read: async () => new TextEncoder().encode(text) };
}
