/** `convas validate --fix --out`: the one-click fixes applied through graph/ alone, written, and listed. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseDocument, serializeDocument } from '@/graph/document';
import { templateById } from '@/graph/templates';
import { run } from '../../../../scripts/cli/validate';

const tmp = mkdtempSync(join(tmpdir(), 'convas-validate-fix-'));
let out: string[];
let err: string[];
beforeEach(() => {
  out = [];
  err = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
});
afterEach(() => vi.restoreAllMocks());

/** First CNN without its Flatten, written to a file. */
function brokenFile(): string {
  const doc = templateById('first-cnn')!.build();
  const flatten = doc.nodes.find((n) => n.type === 'Flatten')!;
  const pool = doc.edges.find((e) => e.target === flatten.id)!.source;
  doc.nodes = doc.nodes.filter((n) => n !== flatten);
  doc.edges = doc.edges.filter((e) => e.target !== flatten.id).map((e) => (e.source === flatten.id ? { ...e, source: pool } : e));
  const file = join(tmp, 'broken.json');
  writeFileSync(file, serializeDocument(doc));
  return file;
}

describe('convas validate --fix', () => {
  it('applies the fixes, prints each, writes the fixed graph and exits 0 when no error is left', async () => {
    const fixed = join(tmp, 'fixed.json');
    expect(await run(['--graph', brokenFile(), '--fix', '--out', fixed])).toBe(0);
    const text = out.join('\n');
    expect(text).toContain('fixed   dense-on-image  dense: Insert Flatten');
    expect(text).toContain(`Wrote the fixed graph to ${fixed}.`);
    expect(text).toContain('Total params: 132,799');
    expect(text).toContain('0 error(s), 0 warning(s).');
    const written = parseDocument(readFileSync(fixed, 'utf8'));
    expect(written.ok && written.doc.nodes.filter((n) => n.type === 'Flatten')).toHaveLength(1);
  });

  it('without --out reports what it would change and writes nothing; --json lists the fixes', async () => {
    expect(await run(['--graph', brokenFile(), '--fix', '--json'])).toBe(0);
    const json = JSON.parse(out.join('\n'));
    expect(json.ok).toBe(true);
    expect(json.out).toBeNull();
    expect(json.fixes).toMatchObject([{ code: 'dense-on-image', nodeName: 'dense', label: 'Insert Flatten' }]);
  });

  it('refuses --out without --fix (validate alone never writes)', async () => {
    expect(await run(['--graph', brokenFile(), '--out', join(tmp, 'x.json')])).toBe(1);
    expect(err.join('\n')).toContain('use it with --fix');
  });
});
