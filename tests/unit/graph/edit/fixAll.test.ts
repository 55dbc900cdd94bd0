import { describe, expect, it } from 'vitest';
import { fixAll } from '@/graph/edit';
import { inferShapes } from '@/graph/shapes';
import { templateById } from '@/graph/templates';
import type { GraphDocument } from '@/graph/types';
import { validate } from '@/graph/validate';

/** First CNN without its Flatten: Dense sits on a 16x16x16 image (error dense-on-image, fix Insert Flatten). */
function withoutFlatten(): GraphDocument {
  const doc = templateById('first-cnn')!.build();
  const flatten = doc.nodes.find((n) => n.type === 'Flatten')!;
  const pool = doc.edges.find((e) => e.target === flatten.id)!.source;
  doc.nodes = doc.nodes.filter((n) => n !== flatten);
  doc.edges = doc.edges.filter((e) => e.target !== flatten.id).map((e) => (e.source === flatten.id ? { ...e, source: pool } : e));
  return doc;
}

const problems = (doc: GraphDocument) => validate(doc, doc.task, inferShapes(doc, doc.task));

describe('fixAll', () => {
  it('applies the one-click fix and reports it: Flatten goes back in front of Dense', () => {
    const broken = withoutFlatten();
    const { doc, applied } = fixAll(broken);
    expect(applied).toEqual([{ code: 'dense-on-image', severity: 'error', nodeId: expect.any(String), nodeName: 'dense', label: 'Insert Flatten' }]);
    expect(problems(doc)).toEqual([]);
    // 16x16x16 = 4096 numbers into Dense 32 again: the template's 132,799 parameters.
    const t = inferShapes(doc, doc.task).totals;
    expect(t.trainable + t.nonTrainable).toBe(132_799);
    expect(broken.nodes.some((n) => n.type === 'Flatten')).toBe(false);
  });

  it('fixes one issue after another (a missing Output, then what its absence hid) and leaves a valid graph alone', () => {
    const doc = templateById('first-cnn')!.build();
    const output = doc.nodes.find((n) => n.type === 'Output')!;
    const noOutput = { ...doc, nodes: doc.nodes.filter((n) => n !== output), edges: doc.edges.filter((e) => e.target !== output.id) };
    const fixed = fixAll(noOutput);
    expect(fixed.applied.map((f) => f.label)).toContain('Add an Output');
    expect(problems(fixed.doc).filter((i) => i.severity === 'error')).toEqual([]);
    expect(fixAll(doc)).toEqual({ doc, applied: [] });
  });
});
