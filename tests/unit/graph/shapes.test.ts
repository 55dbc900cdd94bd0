import { describe, expect, it } from 'vitest';
import { inferShapes } from '@/graph/shapes';
import { buildBenchGraph } from '../../../scripts/bench/graphShapes';
import { chain, graphOf } from './build';

const skin = { id: 'skin-lesions' };

describe('inferShapes', () => {
  it('receptive field of conv3 -> conv3 -> maxpool2 -> conv3 is 10', () => {
    // r: 1 -> 3 -> 5 -> 5 + 1*1 = 6 (j 2) -> 6 + 2*2 = 10
    const g = chain([
      ['in', 'Input', { height: 32, width: 32, channels: 1 }],
      ['c1', 'Conv2D', { padding: 'valid' }],
      ['c2', 'Conv2D', { padding: 'valid' }],
      ['p', 'MaxPooling2D', { poolSize: 2 }],
      ['c3', 'Conv2D', { padding: 'valid' }],
    ]);
    const r = inferShapes(g, skin);
    expect(r.nodes.c1.field).toEqual({ size: 3, jump: 1 });
    expect(r.nodes.c2.field).toEqual({ size: 5, jump: 1 });
    expect(r.nodes.p.field).toEqual({ size: 6, jump: 2 });
    expect(r.nodes.c3.field).toEqual({ size: 10, jump: 2 });
    // 32 -> 30 -> 28 -> 14 -> 12
    expect(r.nodes.c3.shape).toEqual([null, 12, 12, 16]);
  });

  it('dilation widens the field, upsampling divides the jump', () => {
    const g = chain([
      ['in', 'Input', { height: 16, width: 16, channels: 1 }],
      ['d', 'Conv2D', { dilationRate: 2 }], // r 1 + 2*2*1 = 5
      ['s', 'Conv2D', { strides: 2 }], // r 5 + 2*1 = 7, j 2
      ['u', 'UpSampling2D', { size: 2 }], // nearest: r 7, j 1
      ['t', 'Conv2DTranspose', { kernelSize: 3, strides: 2 }], // ceil(3/2) = 2 taps: r 7 + 1*1 = 8, j 0.5
    ]);
    const r = inferShapes(g, skin);
    expect(r.nodes.d.field).toEqual({ size: 5, jump: 1 });
    expect(r.nodes.s.field).toEqual({ size: 7, jump: 2 });
    expect(r.nodes.u.field).toEqual({ size: 7, jump: 1 });
    expect(r.nodes.t.field).toEqual({ size: 8, jump: 0.5 });
    expect(r.nodes.t.shape).toEqual([null, 32, 32, 16]);
  });

  it('counts params, MACs and activations per node and in total', () => {
    // 5x5x1 -> Conv2D 2 @ 3x3 valid -> 3x3x2: params 3*3*1*2 + 2 = 20, MACs 3*3*2 * 3*3*1 = 162
    // -> BatchNorm: 4 trainable, 4 non-trainable, MACs 18 -> Flatten 18 -> Dense 4: 18*4 + 4 = 76, MACs 72
    // -> Output (7 classes): 4*7 + 7 = 35, MACs 28
    const g = chain([
      ['in', 'Input', { height: 5, width: 5, channels: 1 }],
      ['c', 'Conv2D', { filters: 2, padding: 'valid' }],
      ['bn', 'BatchNormalization'],
      ['f', 'Flatten'],
      ['d', 'Dense', { units: 4 }],
      ['out', 'Output'],
    ]);
    const r = inferShapes(g, skin);
    expect(r.nodes.c).toMatchObject({ shape: [null, 3, 3, 2], params: { trainable: 20, nonTrainable: 0 }, macs: 162, activationElements: 18 });
    expect(r.nodes.bn).toMatchObject({ params: { trainable: 4, nonTrainable: 4 }, macs: 18 });
    expect(r.nodes.f.shape).toEqual([null, 18]);
    expect(r.nodes.f.field).toBeNull();
    expect(r.nodes.d).toMatchObject({ shape: [null, 4], params: { trainable: 76 }, macs: 72 });
    expect(r.nodes.out).toMatchObject({ shape: [null, 7], params: { trainable: 35 }, macs: 28 });
    expect(r.totals).toEqual({
      trainable: 20 + 4 + 76 + 35,
      nonTrainable: 4,
      macs: 162 + 18 + 72 + 28,
      activationElements: 25 + 18 + 18 + 18 + 4 + 7,
    });
  });

  it('orders topologically whatever the node order, and keeps edge order for inputs', () => {
    const g = graphOf(
      [
        ['cat', 'Concatenate'],
        ['b', 'Conv2D', { filters: 4 }],
        ['a', 'Conv2D', { filters: 2 }],
        ['in', 'Input', { height: 8, width: 8, channels: 1 }],
      ],
      [['in', 'a'], ['in', 'b'], ['b', 'cat'], ['a', 'cat']],
    );
    const r = inferShapes(g, skin);
    const pos = (id: string) => r.order.indexOf(id);
    expect(r.order).toHaveLength(4);
    expect(pos('in')).toBeLessThan(pos('a'));
    expect(pos('b')).toBeLessThan(pos('cat'));
    expect(pos('a')).toBeLessThan(pos('cat'));
    expect(r.inputs.cat).toEqual(['b', 'a']);
    expect(r.nodes.cat.shape).toEqual([null, 8, 8, 6]);
    // Merge field: the larger of the inputs' (both 3 here).
    expect(r.nodes.cat.field).toEqual({ size: 3, jump: 1 });
  });

  it('merge field takes the largest input field', () => {
    // Shortcut keeps r = 1; the branch has two 3x3 convs: r = 5. Add -> 5.
    const g = graphOf(
      [
        ['in', 'Input', { height: 8, width: 8, channels: 2 }],
        ['c1', 'Conv2D', { filters: 2 }],
        ['c2', 'Conv2D', { filters: 2 }],
        ['add', 'Add'],
      ],
      [['in', 'c1'], ['c1', 'c2'], ['c2', 'add'], ['in', 'add']],
    );
    expect(inferShapes(g, skin).nodes.add.field).toEqual({ size: 5, jump: 1 });
  });

  it('finds the nodes on a cycle and leaves what follows unresolved, without errors', () => {
    const g = graphOf(
      [
        ['in', 'Input'],
        ['a', 'Add'],
        ['b', 'Conv2D'],
        ['c', 'Activation'],
        ['after', 'Flatten'],
      ],
      [['in', 'a'], ['a', 'b'], ['b', 'c'], ['c', 'a'], ['c', 'after']],
    );
    const r = inferShapes(g, skin);
    expect(r.cycle.sort()).toEqual(['a', 'b', 'c']);
    expect(r.order).toEqual(['in']);
    expect(r.nodes.after).toMatchObject({ shape: null });
    expect(r.nodes.after.error).toBeUndefined();
  });

  it('a self-loop is a cycle', () => {
    const g = graphOf([['in', 'Input'], ['a', 'Add']], [['in', 'a'], ['a', 'a']]);
    expect(inferShapes(g, skin).cycle).toEqual(['a']);
  });

  it("reports a node's own error with its message and nulls what follows", () => {
    const g = chain([
      ['in', 'Input', { height: 8, width: 8, channels: 1 }],
      ['c', 'Conv2D', { kernelSize: 7, dilationRate: 2, padding: 'valid' }],
      ['f', 'Flatten'],
    ]);
    const r = inferShapes(g, skin);
    expect(r.nodes.c.error).toMatchObject({ code: 'shape-zero', params: { effective: 13, height: 8 } });
    expect(r.nodes.c.error?.message).toContain('13 pixels');
    expect(r.nodes.c.error?.message).toContain('8x8');
    expect(r.nodes.f).toMatchObject({ shape: null });
    expect(r.nodes.f.error).toBeUndefined();
  });

  it('never throws on malformed graphs', () => {
    const bad = {
      nodes: [
        { id: 'x', type: 'LSTM', name: 'x', params: {}, position: { x: 0, y: 0 } },
        { id: 'x', type: 'Input', name: 'dup', params: {}, position: { x: 0, y: 0 } },
        { id: 'y', type: 'Conv2D', name: 'y', params: { kernelSize: 'big' }, position: { x: 0, y: 0 } },
      ],
      edges: [{ id: 'e', source: 'x', target: 'nowhere' }, { id: 'f', source: 'x', target: 'y' }],
    } as unknown as Parameters<typeof inferShapes>[0];
    const r = inferShapes(bad, { id: 'no-such-task' });
    expect(r.nodes.x.error?.code).toBe('unknown-type');
    expect(r.nodes.y.error?.code).toBe('param-wrong-kind');
    expect(r.context).toBeNull();
  });

  it('uses the task and mask mode for the head', () => {
    const seg = chain([
      ['in', 'Input', { height: 16, width: 16, channels: 1 }],
      ['c', 'Conv2D', { filters: 4 }],
      ['out', 'Output', { head: 'segmentation' }],
    ]);
    expect(inferShapes(seg, { id: 'brain-mri-segment' }).nodes.out.shape).toEqual([null, 16, 16, 1]);
    const multi = inferShapes(seg, { id: 'brain-mri-segment', maskMode: 'multiclass' });
    expect(multi.nodes.out.shape).toEqual([null, 16, 16, 4]);
    // 1x1 conv 4 -> 4 classes: 4*4 + 4 = 20 params, 16*16*4*4 = 4096 MACs
    expect(multi.nodes.out).toMatchObject({ params: { trainable: 20 }, macs: 4096, field: { size: 3, jump: 1 } });
    // Unknown task: the head's class count is unknown, so its shape is too.
    expect(inferShapes(seg, { id: 'mystery' }).nodes.out).toMatchObject({ shape: null });
  });

  it('handles a 500-node graph', () => {
    const g = buildBenchGraph(500);
    expect(g.nodes).toHaveLength(500);
    const first = inferShapes(g, skin);
    expect(Object.values(first.nodes).filter((n) => n.error)).toEqual([]);
    expect(first.order).toHaveLength(500);
    // Speed (under 5 ms for 500 nodes) is measured by `npm run bench` (graph_infer_shapes_500_nodes_ms), not asserted here.
  });
});

describe('hostile node ids (issue 13)', () => {
  it('a node id "__proto__" is an ordinary key of the shape tables', () => {
    const g = chain([
      ['__proto__', 'Input', { height: 8, width: 8, channels: 1 }],
      ['constructor', 'Conv2D', { padding: 'same', filters: 4 }],
    ]);
    const r = inferShapes(g, skin);
    expect(Object.keys(r.nodes)).toEqual(['__proto__', 'constructor']);
    expect(r.nodes['__proto__'].shape).toEqual([null, 8, 8, 1]);
    const second: string = 'constructor';
    expect(r.nodes[second].shape).toEqual([null, 8, 8, 4]);
    expect(r.inputs[second]).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(r.nodes)).toBe(null);
  });
});
