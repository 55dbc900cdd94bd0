/**
 * Golden files: every text file each target exports for every case of the table (code only, no weights),
 * compared byte for byte with tests/golden/export/<case>/<target>/<file>. train.py is the same for every
 * graph and has one golden file. After an intended change, regenerate with
 *   UPDATE_GOLDEN=1 npx vitest run tests/unit/engine/export/golden.test.ts
 * and review the diff.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { EXPORT_TARGETS, exportGraph } from '@/engine/export';
import { exportCases } from './cases';

const ROOT = 'tests/golden/export';
const UPDATE = process.env.UPDATE_GOLDEN === '1';

function golden(path: string, actual: string): void {
  if (UPDATE) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path)) throw new Error(`Missing golden file ${path}; run with UPDATE_GOLDEN=1 to create it.`);
  expect(actual, `${path} differs (UPDATE_GOLDEN=1 rewrites it)`).toBe(readFileSync(path, 'utf8'));
}

describe('golden exports', () => {
  const cases = exportCases();
  for (const c of cases) {
    it.each(EXPORT_TARGETS)(`${c.name} -> %s`, (target) => {
      const { files } = exportGraph(c.doc, target, { task: c.task });
      for (const f of files) {
        expect(typeof f.content, f.path).toBe('string');
        golden(f.path === 'train.py' ? join(ROOT, 'train.py') : join(ROOT, c.name, target, f.path), f.content as string);
      }
    });
  }

  it('generated text is printable ASCII with Unix newlines, whatever the names and titles', () => {
    for (const c of cases) {
      for (const target of EXPORT_TARGETS) {
        for (const f of exportGraph(c.doc, target, { task: c.task }).files) {
          const bad = /[^\x20-\x7e\n]/.exec(f.content as string);
          expect(bad?.[0], `${c.name}/${target}/${f.path}`).toBeUndefined();
        }
      }
    }
  });
});
