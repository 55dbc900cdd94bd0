import { describe, expect, it } from 'vitest';
import { arrangeDocument, arrangePositions, DEFAULT_NODE_SIZE, wouldFold, blockEnds } from '@/graph/edit';
import { templateById } from '@/graph/templates';
import type { GraphDocument } from '@/graph/types';

function template(id: string): GraphDocument {
  const t = templateById(id);
  if (!t) throw new Error(`no template ${id}`);
  return t.build();
}

/** Node ids in reading order: by band (y of the band's row), then left to right. */
function rows(doc: GraphDocument): string[][] {
  const byY = new Map<number, { id: string; x: number }[]>();
  for (const n of doc.nodes) byY.set(n.position.y, [...(byY.get(n.position.y) ?? []), { id: n.id, x: n.position.x }]);
  return [...byY.entries()].sort((a, b) => a[0] - b[0]).map(([, r]) => r.sort((a, b) => a.x - b.x).map((n) => n.id));
}

const typesOf = (doc: GraphDocument, ids: string[]) => ids.map((id) => doc.nodes.find((n) => n.id === id)!.type);

describe('arrange', () => {
  it('lays a chain out left to right in one row without folding', () => {
    const doc = template('first-cnn');
    const p = arrangePositions(doc);
    const xs = doc.nodes.map((n) => p.get(n.id)!.x);
    // Ten cards in node order, one card width plus the 80 px rank gap apart.
    expect(xs).toEqual(xs.map((_, i) => i * (DEFAULT_NODE_SIZE.width + 80)));
    expect(new Set(doc.nodes.map((n) => p.get(n.id)!.y)).size).toBe(1);
  });

  it('folds First CNN into its blocks for a square view: Input-conv-bn-relu-pool, conv-bn-relu-pool, the head', () => {
    const doc = arrangeDocument(template('first-cnn'), 1);
    expect(rows(doc).map((r) => typesOf(doc, r))).toEqual([
      ['Input', 'Conv2D', 'BatchNormalization', 'Activation', 'MaxPooling2D'],
      ['Conv2D', 'BatchNormalization', 'Activation', 'MaxPooling2D'],
      ['Flatten', 'Dense', 'Output'],
    ]);
    // Each band starts at the left edge.
    expect(new Set(rows(doc).map((r) => doc.nodes.find((n) => n.id === r[0])!.position.x))).toEqual(new Set([0]));
  });

  it('does not fold for a wide view, and never cuts a U-Net, whose skips span the graph', () => {
    expect(wouldFold(template('first-cnn'), 12)).toBe(false);
    const unet = template('unet');
    expect(wouldFold(unet, 1, blockEnds(unet))).toBe(false);
  });

  it('marks pooling, strided and merge outputs as block ends', () => {
    const doc = template('first-cnn');
    expect(typesOf(doc, [...blockEnds(doc)])).toEqual(['MaxPooling2D', 'MaxPooling2D']);
  });

  it('never overlaps two cards', () => {
    for (const id of ['vgg', 'resnet', 'googlenet-head', 'unet']) {
      const doc = arrangeDocument(template(id), 1.4);
      const boxes = doc.nodes.map((n) => n.position);
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const apart =
            Math.abs(boxes[i].x - boxes[j].x) >= DEFAULT_NODE_SIZE.width || Math.abs(boxes[i].y - boxes[j].y) >= DEFAULT_NODE_SIZE.height;
          expect(apart, `${id}: ${doc.nodes[i].id} and ${doc.nodes[j].id}`).toBe(true);
        }
      }
    }
  });

  it('lays a U-Net out as a U: one row per resolution, encoder left, decoder right, bottleneck at the bottom', () => {
    const doc = arrangeDocument(template('unet'), 1.6);
    const r = rows(doc);
    // 64x64 input, two poolings: rows at 64, 32 and 16 px.
    const unit = ['Conv2D', 'BatchNormalization', 'Activation'];
    expect(r.map((row) => typesOf(doc, row))).toEqual([
      ['Input', ...unit, ...unit, 'Conv2DTranspose', 'Concatenate', ...unit, ...unit, 'Output'],
      ['MaxPooling2D', ...unit, ...unit, 'Conv2DTranspose', 'Concatenate', ...unit, ...unit],
      ['MaxPooling2D', ...unit, ...unit],
    ]);
    // Every skip connection runs straight across its row, from the encoder (left) to the decoder (right).
    const at = new Map(doc.nodes.map((n) => [n.id, n.position]));
    const skips = doc.edges.filter((e) => doc.nodes.find((n) => n.id === e.target)!.type === 'Concatenate' && doc.nodes.find((n) => n.id === e.source)!.type === 'Activation');
    expect(skips).toHaveLength(2);
    for (const e of skips) {
      expect(at.get(e.source)!.y).toBe(at.get(e.target)!.y);
      expect(at.get(e.source)!.x).toBeLessThan(at.get(e.target)!.x);
    }
    // The bottleneck sits between the arms; the whole is less than half as wide as the one-row drawing.
    const spread = (xs: number[]) => Math.max(...xs) - Math.min(...xs) + DEFAULT_NODE_SIZE.width;
    const oneRow = [...arrangePositions(template('unet')).values()].map((p) => p.x);
    expect(spread(doc.nodes.map((n) => n.position.x))).toBeLessThan(spread(oneRow) / 2);
    const encoderEnd = at.get(r[1][6])!.x + DEFAULT_NODE_SIZE.width;
    const decoderStart = at.get(r[1][7])!.x;
    const bottleneckMid = (at.get(r[2][0])!.x + at.get(r[2][6])!.x + DEFAULT_NODE_SIZE.width) / 2;
    expect(bottleneckMid).toBeCloseTo((encoderEnd + decoderStart) / 2, 0);
    // A chain is no U: it keeps the dagre layout.
    expect(rows(arrangeDocument(template('first-cnn')))).toHaveLength(1);
  });

  it('with a readable band width, wraps chains into rows no wider than it, even a VGG too long to search', () => {
    // 792 px: three 208 px cards with two 80 px gaps (784) fit, four do not.
    for (const id of ['first-cnn', 'vgg']) {
      const doc = arrangeDocument(template(id), { aspect: 1.5, maxBandWidth: 792 });
      const r = rows(doc);
      expect(r.length, id).toBeGreaterThan(2);
      for (const row of r) {
        const xs = row.map((n) => doc.nodes.find((m) => m.id === n)!.position.x);
        expect(Math.max(...xs) - Math.min(...xs) + DEFAULT_NODE_SIZE.width, `${id} row ${typesOf(doc, row).join(' ')}`).toBeLessThanOrEqual(792);
      }
    }
    // First CNN: four rows of three.
    expect(rows(arrangeDocument(template('first-cnn'), { aspect: 1.5, maxBandWidth: 792 })).map((r) => r.length)).toEqual([3, 3, 3, 3]);
  });
});
