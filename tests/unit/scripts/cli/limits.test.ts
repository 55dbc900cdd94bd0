/**
 * The CLI's hardening (issue 13): numeric flags checked against graph/'s limits (exit 2, nothing trained),
 * complete piped output, capped lists, and names printed without their control characters.
 */
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DATA_LIMITS, TRAINING_LIMITS } from '../../../../graph/document';
import { run as generate } from '../../../../scripts/cli/generate';
import { formatReport, jsonReport, JSON_LIST_CAP, TEXT_LIST_CAP } from '../../../../scripts/cli/data';
import { weightsFilePath } from '../../../../scripts/cli/export';
import { printable } from '../../../../scripts/cli/io';
import { run as train } from '../../../../scripts/cli/train';
import type { InspectReport } from '../../../../engine/datasets/import';
import { capture, scratchDirs } from './harness';

const scratch = scratchDirs('convas-limits-');
const graph = 'tests/fixtures/graphs/first-cnn.json';

describe('numeric flags use the document limits', () => {
  it.each([
    [['--epochs', '1e9'], `--epochs must be a whole number from 1 to ${TRAINING_LIMITS.epochs.max}, got "1e9"`],
    [['--batch', '1000000'], `--batch must be a whole number from 1 to ${TRAINING_LIMITS.batchSize.max}`],
    [['--lr', '-1'], `--lr must be a number above 0 and at most ${TRAINING_LIMITS.learningRate.max}, got "-1"`],
    [['--lr', '1e300'], '--lr must be a number above 0'],
    [['--seed', '-7'], `--seed must be a whole number from 0 to ${TRAINING_LIMITS.seed.max}`],
    [['--seed', '1.5'], '--seed must be a whole number'],
    [['--count', '1e9'], `--count must be a whole number from ${DATA_LIMITS.minImages} to ${DATA_LIMITS.maxImages}`],
    [['--count', '3'], `--count must be a whole number from ${DATA_LIMITS.minImages}`],
    [['--size', '0'], '--size must be a whole number from 1 to 1024'],
    [['--samples', '1e6'], '--samples must be a whole number from 0 to 64'],
    [['--epochs', 'Infinity'], '--epochs wants a number'],
    [['--schedule', 'linear'], '--schedule wants cosine or constant, got "linear"'],
  ])('train %j exits 2 without training', async (flags, message) => {
    const { io, out, err } = capture();
    expect(await train(['--graph', graph, ...flags], io)).toBe(2);
    expect(err.join('\n')).toContain(message);
    expect(out).toEqual([]);
  });

  it.each([
    [['--count', '1e9'], `--count must be a whole number from 1 to ${DATA_LIMITS.maxImages}`],
    [['--count', '0'], '--count must be a whole number from 1'],
    [['--seed', '-1'], '--seed must be a whole number from 0'],
  ])('generate %j exits 2', async (flags, message) => {
    const { io, err } = capture();
    expect(await generate(['--task', 'skin-lesions', '--out', '/nonexistent/never-written', ...flags], io)).toBe(2);
    expect(err.join('\n')).toContain(message);
  });
});

describe('reports', () => {
  const report = (skipped: number, missing: number): InspectReport =>
    ({
      format: 'brain-tumor-mri', title: 't', source: 's', root: '', kind: 'classification', images: 0, classes: [], masks: null, emptyMasks: null,
      groups: 0, groupBy: 'image', splits: null, missing, duplicates: 0, sizes: [], modes: [], notes: [], decoded: true,
      skipped: Array.from({ length: skipped }, (_, i) => ({ file: `f${i}`, reason: 'bad' })),
      missingIds: Array.from({ length: missing }, (_, i) => `ISIC_${i}`),
    }) satisfies InspectReport;

  it('--json keeps the first entries of long lists and counts the rest', () => {
    const r = jsonReport(report(JSON_LIST_CAP + 5, 3));
    expect([r.skipped.length, r.skippedLeftOut, r.missingIds.length, r.missingIdsLeftOut, r.missing]).toEqual([JSON_LIST_CAP, 5, 3, 0, 3]);
  });

  it('the text report lists a few skipped files and says how many more', () => {
    const text = formatReport(report(TEXT_LIST_CAP + 12, 0));
    expect(text).toContain(`Skipped:  ${TEXT_LIST_CAP + 12}`);
    expect(text).toContain('... and 12 more');
    expect(text.split('\n').filter((l) => l.startsWith('  f')).length).toBe(TEXT_LIST_CAP);
  });

  it('piped --json output is complete (it was cut at 128 KB with exit code 0)', async () => {
    const dir = await scratch();
    const folder = join(dir, 'Training', 'glioma');
    await mkdir(folder, { recursive: true });
    // 1,500 unreadable files with long names: the capped JSON is still about 400 KB.
    for (let i = 0; i < 1500; i++) await writeFile(join(folder, `${String(i).padStart(4, '0')}_${'x'.repeat(200)}.jpg`), 'not an image');
    const { stdout } = await promisify(execFile)('npx', ['tsx', 'scripts/convas.ts', 'data', 'inspect', dir, '--json'], { maxBuffer: 64 << 20 });
    expect(stdout.length).toBeGreaterThan(200_000);
    const parsed = JSON.parse(stdout);
    expect([parsed.skipped.length, parsed.skippedLeftOut]).toEqual([JSON_LIST_CAP, 500]);
  });
});

describe('names and paths', () => {
  it('printable shows control characters and bidi overrides as escapes, keeps newlines and tabs', () => {
    expect(printable('a\x1b]0;pwned\x07b\nc\td\u202ee\x9b')).toBe('a\\u001b]0;pwned\\u0007b\nc\td\\u202ee\\u009b');
  });

  it('printable keeps JSON valid and meaning the same', () => {
    const value = { name: 'x\u202e\x9b\\\x7fy', ok: true };
    expect(JSON.parse(printable(JSON.stringify(value)))).toEqual(value);
  });

  it('convas validate prints a hostile node name with its control characters escaped, and --json stays valid', async () => {
    const dir = await scratch();
    const doc = JSON.parse(await readFile('tests/fixtures/graphs/first-cnn.json', 'utf8'));
    doc.nodes[1].name = 'conv\x1b[31mRED\x07\u202eevil';
    await writeFile(join(dir, 'g.json'), JSON.stringify(doc));
    const run = (...extra: string[]) => promisify(execFile)('npx', ['tsx', 'scripts/convas.ts', 'validate', '--graph', join(dir, 'g.json'), ...extra]);
    const text = (await run()).stdout;
    expect(text).toContain('conv\\u001b[31mRED\\u0007\\u202eevil');
    for (const raw of ['\x07', '\x1b', '\u202e']) expect(text).not.toContain(raw);
    expect(JSON.parse((await run('--json')).stdout).nodes[1].name).toBe(doc.nodes[1].name);
  });

  it('export --weights: manifest paths cannot leave the model folder', () => {
    expect(weightsFilePath('/m', 'weights.bin')).toBe('/m/weights.bin');
    expect(weightsFilePath('/m', 'group1-shard1of2.bin')).toBe('/m/group1-shard1of2.bin');
    for (const bad of ['../secret.bin', '/etc/passwd', 'sub/../../x', 'file:///etc/passwd', '', 'a\0b', 42])
      expect(() => weightsFilePath('/m', bad), String(bad)).toThrow(/weights manifest names/);
  });
});
