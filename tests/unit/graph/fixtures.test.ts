import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseDocument, serializeDocument } from '@/graph/document';
import { inferShapes } from '@/graph/shapes';
import { NODE_TYPES } from '@/graph/types';
import { validate } from '@/graph/validate';
import { FIXTURE_GRAPHS } from './fixtureGraphs';

const dir = fileURLToPath(new URL('../../fixtures/graphs/', import.meta.url));
const update = process.env.UPDATE_FIXTURES === '1';

/** Expected output shape of each fixture's Output node (hand-computed in fixtureGraphs.ts). */
const OUTPUT_SHAPES: Record<string, (number | null)[]> = {
  'first-cnn': [null, 7],
  'resnet-add': [null, 3],
  'unet-concat': [null, 16, 16, 1],
  'stride2-same-even': [null, 3],
  'dropout-batchnorm': [null, 3],
  'all-layers': [null, 3],
  'mobilenet-blocks': [null, 3],
};

describe('fixture graphs (tests/fixtures/graphs)', () => {
  it.each(Object.keys(FIXTURE_GRAPHS))('%s.json is current, loads, and validates cleanly', (name) => {
    const doc = FIXTURE_GRAPHS[name]();
    const text = serializeDocument(doc);
    const file = `${dir}${name}.json`;
    if (update) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(file, text);
    }
    expect(existsSync(file), `${file} missing: run with UPDATE_FIXTURES=1`).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(text);
    const parsed = parseDocument(text);
    expect(parsed.ok && parsed.warnings).toEqual([]);
    if (!parsed.ok) return;
    expect(validate(parsed.doc, parsed.doc.task)).toEqual([]);
    const report = inferShapes(parsed.doc, parsed.doc.task);
    const out = parsed.doc.nodes.find((n) => n.type === 'Output');
    expect(out && report.nodes[out.id].shape).toEqual(OUTPUT_SHAPES[name]);
  });

  it('the fixtures together use every node type', () => {
    const used = new Set(Object.values(FIXTURE_GRAPHS).flatMap((f) => f().nodes.map((n) => n.type)));
    expect([...NODE_TYPES].filter((t) => !used.has(t))).toEqual([]);
  });

  it('stride2-same-even has the sizes where tfjs pads unevenly', () => {
    const doc = FIXTURE_GRAPHS['stride2-same-even']();
    const r = inferShapes(doc, doc.task);
    expect(doc.nodes.map((n) => r.nodes[n.id].shape)).toEqual([
      [null, 16, 16, 1],
      [null, 8, 8, 4],
      [null, 8, 8, 4],
      [null, 4, 4, 4],
      [null, 4, 4, 4],
      [null, 4, 4, 1],
      [null, 16],
      [null, 3],
    ]);
  });
});
