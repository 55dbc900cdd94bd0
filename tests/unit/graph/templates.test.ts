import { describe, expect, it } from 'vitest';
import { parseDocument, serializeDocument } from '@/graph/document';
import { inferShapes } from '@/graph/shapes';
import { taskInfo } from '@/graph/tasks';
import { COLUMN_SPACING } from '@/graph/templates/builder';
import { TEMPLATES, templateById } from '@/graph/templates';
import { validate } from '@/graph/validate';

/**
 * Hand-computed per template: the Output shape and the parameter totals.
 * first-cnn: conv 3*3*3*8 = 216 and 3*3*8*16 = 1,152 (no bias), BN gamma/beta 16 + 32 trainable and as many
 *   non-trainable, dense 4096*32+32 = 131,104, head 32*7+7 = 231.
 * vgg: 216 + 576 + 1,152 + 2,304 + 4,608 + 9,216 (convs, no bias) + BN gamma/beta 2*(8+8+16+16+32+32) = 224
 *   trainable and 224 non-trainable + 131,136 (dense 2048->64) + 455 (head).
 * resnet: stem 432; unit 1: 2*2,304 convs; unit 2: 4,608 + 9,216 convs, 1x1 shortcut 544; BN gamma/beta
 *   32+32+32+64+64 trainable and as many non-trainable; head 32*7+7 = 231.
 * googlenet-head: stem 216 + 1,152 (no bias) + BN 16 + 32; inception 136 + 1,160 + 3,208 + 136; BN 64 over the
 *   concatenation; head 231. Non-trainable: the three BNs' moving statistics, 16 + 32 + 64.
 * unet: convolutions without bias, encoder 72 + 576 + 1,152 + 2,304, bottleneck 4,608 + 9,216, decoder
 *   4,608 + 2,304 + 1,152 + 576; transposed convolutions 2*2*32*16+16 = 2,064 and 2*2*16*8+8 = 520; head
 *   8*1+1 = 9; BN gamma/beta 2*(8+8+16+16+32+32+16+16+8+8) = 320 trainable and as many non-trainable.
 */
const EXPECTED: Record<string, { output: (number | null)[]; trainable: number; nonTrainable: number }> = {
  'first-cnn': { output: [null, 7], trainable: 132_751, nonTrainable: 48 },
  vgg: { output: [null, 7], trainable: 149_887, nonTrainable: 224 },
  resnet: { output: [null, 7], trainable: 19_863, nonTrainable: 224 },
  'googlenet-head': { output: [null, 7], trainable: 6_351, nonTrainable: 112 },
  unet: { output: [null, 64, 64, 1], trainable: 29_481, nonTrainable: 320 },
};

describe('templates', () => {
  it('offers the five templates, with notes', () => {
    expect(TEMPLATES.map((t) => t.id)).toEqual(['first-cnn', 'vgg', 'resnet', 'googlenet-head', 'unet']);
    for (const t of TEMPLATES) {
      const sentences = t.notes.split(/[.!?](?:\s+|$)/).filter((s) => s.trim() !== '');
      expect(sentences.length, t.id).toBeGreaterThanOrEqual(2);
      expect(sentences.length, t.id).toBeLessThanOrEqual(3);
      expect(taskInfo(t.taskId), t.id).toBeDefined();
    }
    expect(templateById('unet')?.taskId).toBe('brain-mri-segment');
    expect(templateById('nope')).toBeUndefined();
  });

  it.each(TEMPLATES.map((t) => [t.id, t] as const))('%s validates with no issues and has the expected shapes', (id, t) => {
    const doc = t.build();
    expect(doc.task.id).toBe(t.taskId);
    expect(validate(doc, doc.task)).toEqual([]);
    const r = inferShapes(doc, doc.task);
    const out = doc.nodes.find((n) => n.type === 'Output');
    expect(out && r.nodes[out.id].shape).toEqual(EXPECTED[id].output);
    expect(r.totals.trainable).toBe(EXPECTED[id].trainable);
    expect(r.totals.nonTrainable).toBe(EXPECTED[id].nonTrainable);
    // Browser budget: modest filters on 64x64 inputs.
    expect(r.totals.trainable).toBeLessThan(200_000);
    expect(r.totals.macs).toBeLessThan(30_000_000);
    for (const node of doc.nodes) {
      if (node.type !== 'Conv2D' && node.type !== 'Conv2DTranspose') continue;
      expect(node.params.filters).toBeGreaterThanOrEqual(8);
      expect(node.params.filters).toBeLessThanOrEqual(32);
    }
  });

  it.each(TEMPLATES.map((t) => [t.id, t] as const))('%s is laid out left to right without overlaps', (_id, t) => {
    const doc = t.build();
    const pos = new Map(doc.nodes.map((n) => [n.id, n.position]));
    for (const e of doc.edges) expect(pos.get(e.source)!.x, `${e.source} -> ${e.target}`).toBeLessThan(pos.get(e.target)!.x);
    const cells = doc.nodes.map((n) => `${n.position.x},${n.position.y}`);
    expect(new Set(cells).size).toBe(cells.length);
    for (const n of doc.nodes) expect(n.position.x % COLUMN_SPACING).toBe(0);
  });

  it.each(TEMPLATES.map((t) => [t.id, t] as const))('%s survives a save and load, and build() returns fresh objects', (_id, t) => {
    const doc = t.build();
    const parsed = parseDocument(serializeDocument(doc));
    expect(parsed.ok && parsed.warnings).toEqual([]);
    if (parsed.ok) expect(serializeDocument(parsed.doc)).toBe(serializeDocument(doc));
    doc.nodes[1].params.filters = 999;
    doc.nodes.pop();
    expect(t.build().nodes.length).toBe(doc.nodes.length + 1);
    expect(t.build().nodes[1].params.filters).not.toBe(999);
  });

  it('first-cnn: shapes and receptive fields step by step', () => {
    const doc = templateById('first-cnn')!.build();
    const r = inferShapes(doc, doc.task);
    // 64x64x3 -> conv 8 -> bn -> relu -> pool -> conv 16 -> bn -> relu -> pool -> flatten 4096 -> dense 32 -> 7
    expect(doc.nodes.map((n) => r.nodes[n.id].shape)).toEqual([
      [null, 64, 64, 3], [null, 64, 64, 8], [null, 64, 64, 8], [null, 64, 64, 8], [null, 32, 32, 8], [null, 32, 32, 16],
      [null, 32, 32, 16], [null, 32, 32, 16], [null, 16, 16, 16], [null, 4096], [null, 32], [null, 7],
    ]);
    // r: conv3 3 (BN and ReLU keep it); pool2 4 (j 2); conv3 4 + 2*2 = 8; pool2 8 + 1*2 = 10 (j 4)
    expect(doc.nodes.map((n) => r.nodes[n.id].field?.size ?? null)).toEqual([1, 3, 3, 3, 4, 8, 8, 8, 10, null, null, null]);
  });

  it('unet: skips join decoder and encoder levels of the same size', () => {
    const doc = templateById('unet')!.build();
    const r = inferShapes(doc, doc.task);
    const concats = doc.nodes.filter((n) => n.type === 'Concatenate').map((n) => r.nodes[n.id].shape);
    expect(concats).toEqual([[null, 32, 32, 32], [null, 64, 64, 16]]);
    expect(doc.task).toEqual({ id: 'brain-mri-segment', maskMode: 'binary' });
  });
});
