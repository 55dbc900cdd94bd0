import { describe, expect, it } from 'vitest';
import { emptyDocument, CHAIN_STEP } from '@/graph/edit';
import { analyse } from '@/components/store/analysis';
import { createAppStore, type AppStore } from '@/components/store/createAppStore';
import type { GraphDocument, NodeType } from '@/graph/types';

/**
 * The editor store driven by its actions, without a browser: every step checks the shapes and issues that
 * graph/ derives from the resulting document, against hand-computed values.
 */

function freshStore(): AppStore {
  return createAppStore({ doc: emptyDocument({ id: 'skin-lesions' }) });
}

const doc = (store: AppStore) => store.getState().doc;
const idOf = (store: AppStore, type: NodeType, nth = 0) => doc(store).nodes.filter((n) => n.type === type)[nth].id;
const shapeOf = (d: GraphDocument, id: string) => analyse(d).report.nodes[id]?.shape;
const paramsOf = (d: GraphDocument, id: string) => analyse(d).report.nodes[id]?.params.trainable;
const codes = (d: GraphDocument) => analyse(d).issues.map((i) => i.code).sort();

/** Input -> Conv2D -> Activation -> MaxPooling2D -> Flatten -> Dense -> Output, with catalog defaults. */
function buildChain(store: AppStore): Record<string, string> {
  const s = store.getState();
  const ids: Record<string, string> = { Input: idOf(store, 'Input'), Output: idOf(store, 'Output') };
  const chain: NodeType[] = ['Conv2D', 'Activation', 'MaxPooling2D', 'Flatten', 'Dense'];
  chain.forEach((type, i) => {
    ids[type] = s.addNode(type, { x: 260 * (i + 1), y: 0 });
  });
  const order = ['Input', ...chain, 'Output'];
  for (let i = 0; i + 1 < order.length; i++) expect(store.getState().connect(ids[order[i]], ids[order[i + 1]])).toBe(true);
  return ids;
}

describe('editor store', () => {
  it('starts an empty graph with Input and Output and reports the missing connection', () => {
    const store = freshStore();
    const d = doc(store);
    expect(d.nodes.map((n) => n.type)).toEqual(['Input', 'Output']);
    expect(shapeOf(d, idOf(store, 'Input'))).toEqual([null, 64, 64, 3]);
    expect(codes(d)).toContain('wrong-input-count');
    expect(store.getState().nodes).toHaveLength(2);
  });

  it('builds Input -> Conv2D -> ReLU -> MaxPool -> Flatten -> Dense -> Output with the shapes and params the catalog predicts', () => {
    const store = freshStore();
    const ids = buildChain(store);
    const d = doc(store);
    // Conv2D 16 @ 3x3 same on 64x64x3: 3*3*3*16 + 16 = 448 params.
    expect(shapeOf(d, ids.Conv2D)).toEqual([null, 64, 64, 16]);
    expect(paramsOf(d, ids.Conv2D)).toBe(448);
    expect(shapeOf(d, ids.Activation)).toEqual([null, 64, 64, 16]);
    // MaxPool 2x2 valid: 32x32x16.
    expect(shapeOf(d, ids.MaxPooling2D)).toEqual([null, 32, 32, 16]);
    // Flatten: 32*32*16 = 16384; Dense 64: 16384*64 + 64 = 1,048,640.
    expect(shapeOf(d, ids.Flatten)).toEqual([null, 16384]);
    expect(paramsOf(d, ids.Dense)).toBe(1_048_640);
    // Output: 7 skin-lesion classes from 64 units: 64*7 + 7 = 455.
    expect(shapeOf(d, ids.Output)).toEqual([null, 7]);
    expect(paramsOf(d, ids.Output)).toBe(455);
    expect(analyse(d).report.totals.trainable).toBe(448 + 1_048_640 + 455);
    expect(codes(d)).toEqual([]);
    // 7 nodes, 6 edges; the view mirrors the document.
    expect(store.getState().edges.map((e) => [e.source, e.target])).toEqual(d.edges.map((e) => [e.source, e.target]));
  });

  it('shows a kernel that does not fit, fixes it with one click, and undoes and redoes each step', () => {
    const store = freshStore();
    const ids = buildChain(store);
    const s = store.getState();
    s.setParam(ids.Conv2D, 'padding', 'valid');
    s.setParam(ids.Conv2D, 'kernelSize', 15);
    // Separate fields: separate undo steps; a 15x15 valid kernel on 64 gives 50x50.
    expect(shapeOf(doc(store), ids.Conv2D)).toEqual([null, 50, 50, 16]);
    s.setParam(ids.Conv2D, 'dilationRate', 5);
    // Effective kernel 5*(15-1)+1 = 71 > 64: shape-zero on the Conv2D, nothing downstream has a shape.
    let d = doc(store);
    const issue = analyse(d).byNode.get(ids.Conv2D)?.[0];
    expect(issue?.code).toBe('shape-zero');
    expect(issue?.message).toContain('71');
    expect(shapeOf(d, ids.Dense)).toBeNull();
    expect(issue?.fix).toMatchObject({ kind: 'set-param', param: 'padding', value: 'same' });

    store.getState().applyFix(ids.Conv2D, issue!.fix!);
    d = doc(store);
    expect(d.nodes.find((n) => n.id === ids.Conv2D)?.params.padding).toBe('same');
    expect(shapeOf(d, ids.Conv2D)).toEqual([null, 64, 64, 16]);
    // 15*15*3*16 + 16 = 10,816 params.
    expect(paramsOf(d, ids.Conv2D)).toBe(10_816);
    expect(store.getState().nodes.find((n) => n.id === ids.Conv2D)?.selected).toBe(true);

    store.getState().undo();
    expect(analyse(doc(store)).byNode.get(ids.Conv2D)?.[0].code).toBe('shape-zero');
    store.getState().undo(); // dilation back to 1
    expect(shapeOf(doc(store), ids.Conv2D)).toEqual([null, 50, 50, 16]);
    store.getState().redo();
    store.getState().redo();
    expect(shapeOf(doc(store), ids.Conv2D)).toEqual([null, 64, 64, 16]);
    expect(store.getState().history.future).toHaveLength(0);
  });

  it('joins quick edits of one field into one undo step', () => {
    const store = freshStore();
    const conv = store.getState().addNode('Conv2D', { x: 0, y: 0 });
    const before = store.getState().history.past.length;
    for (const f of [1, 12, 128]) store.getState().setParam(conv, 'filters', f);
    expect(store.getState().history.past.length).toBe(before + 1);
    store.getState().undo();
    expect(doc(store).nodes.find((n) => n.id === conv)?.params.filters).toBe(16);
  });

  it('deletes the selection with its edges, and fixes Dense on an image by inserting Flatten', () => {
    const store = freshStore();
    const ids = buildChain(store);
    store.getState().select([ids.Flatten]);
    store.getState().deleteSelection();
    let d = doc(store);
    expect(d.nodes.some((n) => n.id === ids.Flatten)).toBe(false);
    expect(d.edges.some((e) => e.source === ids.Flatten || e.target === ids.Flatten)).toBe(false);
    expect(analyse(d).byNode.get(ids.Dense)?.map((i) => i.code)).toContain('wrong-input-count');

    expect(store.getState().connect(ids.MaxPooling2D, ids.Dense)).toBe(true);
    const issue = analyse(doc(store)).byNode.get(ids.Dense)?.[0];
    expect(issue?.code).toBe('dense-on-image');
    expect(issue?.fix).toMatchObject({ kind: 'insert-before', nodeType: 'Flatten' });
    store.getState().applyFix(ids.Dense, issue!.fix!);
    d = doc(store);
    const flatten = d.nodes.find((n) => n.type === 'Flatten');
    expect(flatten).toBeDefined();
    expect(d.edges.some((e) => e.source === ids.MaxPooling2D && e.target === flatten!.id)).toBe(true);
    expect(d.edges.some((e) => e.source === flatten!.id && e.target === ids.Dense)).toBe(true);
    expect(paramsOf(d, ids.Dense)).toBe(1_048_640);
    expect(codes(d)).toEqual([]);
  });

  it('refuses self, duplicate, cyclic, from-Output and into-Input connections with a message, and replaces a full single input', () => {
    const store = freshStore();
    const ids = buildChain(store);
    const s = store.getState();
    const before = doc(store);
    expect(s.checkConnection(ids.Conv2D, ids.Conv2D)).toMatchObject({ ok: false });
    expect(s.checkConnection(ids.Conv2D, ids.Activation)).toMatchObject({ ok: false, reason: expect.stringContaining('already') });
    expect(s.checkConnection(ids.Dense, ids.Conv2D)).toMatchObject({ ok: false, reason: expect.stringContaining('loop') });
    expect(s.checkConnection(ids.Output, ids.Dense)).toMatchObject({ ok: false });
    expect(s.checkConnection(ids.Dense, ids.Input)).toMatchObject({ ok: false });
    expect(s.connect(ids.Dense, ids.Conv2D)).toBe(false);
    expect(doc(store)).toBe(before);
    expect(store.getState().toasts.at(-1)).toMatchObject({ kind: 'error', message: expect.stringContaining('loop') });

    // Activation -> Dense replaces Flatten -> Dense (Dense takes one input).
    expect(s.checkConnection(ids.Activation, ids.Dense)).toMatchObject({ ok: true, replaces: [expect.any(String)] });
    expect(s.connect(ids.Activation, ids.Dense)).toBe(true);
    const into = doc(store).edges.filter((e) => e.target === ids.Dense);
    expect(into.map((e) => e.source)).toEqual([ids.Activation]);
  });

  it('lets Add take several inputs', () => {
    const store = freshStore();
    const s = store.getState();
    const input = idOf(store, 'Input');
    const a = s.addNode('Conv2D', { x: 200, y: 0 });
    const b = s.addNode('Conv2D', { x: 200, y: 200 });
    const c = s.addNode('Conv2D', { x: 200, y: 400 });
    const add = s.addNode('Add', { x: 500, y: 0 });
    for (const x of [a, b, c]) {
      expect(s.connect(input, x)).toBe(true);
      expect(s.connect(x, add)).toBe(true);
    }
    const d = doc(store);
    expect(d.edges.filter((e) => e.target === add).map((e) => e.source)).toEqual([a, b, c]);
    expect(shapeOf(d, add)).toEqual([null, 64, 64, 16]);
  });

  it('chains a clicked layer after the selected node, splicing it into an existing edge', () => {
    const store = createAppStore({ doc: emptyDocument({ id: 'skin-lesions' }) });
    const input = idOf(store, 'Input');
    const output = idOf(store, 'Output');
    expect(store.getState().connect(input, output)).toBe(true);
    store.getState().select([input]);
    const conv = store.getState().addNodeNext('Conv2D', { x: 0, y: 0 });
    const pool = store.getState().addNodeNext('GlobalAveragePooling2D', { x: 0, y: 0 });
    const d = doc(store);
    expect(d.edges.map((e) => [e.source, e.target])).toEqual(
      expect.arrayContaining([
        [input, conv],
        [conv, pool],
        [pool, output],
      ]),
    );
    expect(d.edges).toHaveLength(3);
    expect(store.getState().nodes.filter((n) => n.selected).map((n) => n.id)).toEqual([pool]);
    // Input at x = 0: Conv one chain step right, the pool two; the Output moved right to stay after them.
    expect(d.nodes.find((n) => n.id === conv)?.position.x).toBe(CHAIN_STEP);
    expect(d.nodes.find((n) => n.id === pool)?.position.x).toBe(2 * CHAIN_STEP);
    expect(d.nodes.find((n) => n.id === output)!.position.x).toBeGreaterThan(2 * CHAIN_STEP);
    expect(shapeOf(d, output)).toEqual([null, 7]);
    expect(codes(d)).toEqual([]);
  });

  it('builds a whole network from clicks alone on an empty graph: each layer follows the last and feeds the Output', () => {
    const store = freshStore();
    const input = idOf(store, 'Input');
    const output = idOf(store, 'Output');
    // Nothing selected: the first layer follows the graph's open end, the Input, and takes the loose Output.
    const conv = store.getState().addNodeNext('Conv2D', { x: 999, y: 999 });
    let d = doc(store);
    expect(d.edges.map((e) => [e.source, e.target])).toEqual([
      [input, conv],
      [conv, output],
    ]);
    // A classifier head on a 64x64x16 image: the error offers global average pooling in one click.
    const issue = analyse(d).byNode.get(output)![0];
    expect(issue.code).toBe('head-on-image');
    store.getState().applyFix(output, issue.fix!);
    // The fix selected the inserted pooling node; the next clicks chain after it, spliced before the Output.
    const dense = store.getState().addNodeNext('Dense', { x: 0, y: 0 });
    d = doc(store);
    const gap = idOf(store, 'GlobalAveragePooling2D');
    expect(d.edges.map((e) => [e.source, e.target])).toEqual(
      expect.arrayContaining([
        [input, conv],
        [conv, gap],
        [gap, dense],
        [dense, output],
      ]),
    );
    expect(d.edges).toHaveLength(4);
    // Dense 64 on 16 pooled channels: 16*64 + 64 = 1,088; the Output: 64*7 + 7 = 455.
    expect(paramsOf(d, dense)).toBe(1088);
    expect(shapeOf(d, output)).toEqual([null, 7]);
    expect(codes(d)).toEqual([]);
    // Left to right, no card on top of another.
    const xs = [input, conv, gap, dense, output].map((id) => d.nodes.find((n) => n.id === id)!.position.x);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    expect(new Set(xs).size).toBe(5);
  });

  it('with nothing selected on a built graph, a clicked layer joins the path into the Output where it adds no error', () => {
    const store = freshStore();
    const ids = buildChain(store);
    expect(codes(doc(store))).toEqual([]);
    store.getState().select([]);
    // Dense fits straight before the Output: Dense(64) -> Dense(64) -> Output.
    const dense = store.getState().addNodeNext('Dense', { x: 999, y: 999 });
    let d = doc(store);
    expect(d.edges.map((e) => [e.source, e.target])).toEqual(expect.arrayContaining([[ids.Dense, dense], [dense, ids.Output]]));
    expect(codes(d)).toEqual([]);
    // A Conv2D after a Dense (1-D) would be an error: it goes after the last image layer, the max pooling.
    store.getState().select([]);
    const conv = store.getState().addNodeNext('Conv2D', { x: 999, y: 999 });
    d = doc(store);
    expect(d.edges.map((e) => [e.source, e.target])).toEqual(expect.arrayContaining([[ids.MaxPooling2D, conv], [conv, ids.Flatten]]));
    // Conv2D 16 @ 3x3 same on 32x32x16: 3*3*16*16 + 16 = 2,320 params.
    expect(shapeOf(d, conv)).toEqual([null, 32, 32, 16]);
    expect(paramsOf(d, conv)).toBe(2320);
    expect(codes(d)).toEqual([]);
    // Never dropped unconnected at the fallback point.
    expect(d.nodes.find((n) => n.id === conv)!.position).not.toEqual({ x: 999, y: 999 });
  });

  it('copies and pastes the selection with fresh ids and names, keeping inner edges only, as one undo step', () => {
    const store = freshStore();
    const ids = buildChain(store);
    store.getState().select([ids.Conv2D, ids.Activation]);
    const text = store.getState().copySelection();
    expect(text).toContain('"format": "convas-graph"');
    const before = doc(store);
    expect(store.getState().paste(text)).toBe(true);
    const d = doc(store);
    const added = d.nodes.slice(before.nodes.length);
    expect(added.map((n) => n.type)).toEqual(['Conv2D', 'Activation']);
    expect(new Set(d.nodes.map((n) => n.id)).size).toBe(d.nodes.length);
    expect(new Set(d.nodes.map((n) => n.name)).size).toBe(d.nodes.length);
    const newEdges = d.edges.slice(before.edges.length);
    expect(newEdges.map((e) => [e.source, e.target])).toEqual([[added[0].id, added[1].id]]);
    // Pasted 40 px down-right of the originals, and selected.
    const orig = before.nodes.find((n) => n.id === ids.Conv2D)!;
    expect(added[0].position).toEqual({ x: orig.position.x + 40, y: orig.position.y + 40 });
    expect(store.getState().nodes.filter((n) => n.selected).map((n) => n.id)).toEqual(added.map((n) => n.id));
    // The pasted pair has no input: the Conv2D reports it; the original graph is unaffected.
    expect(analyse(d).byNode.get(added[0].id)?.map((i) => i.code)).toContain('wrong-input-count');
    expect(shapeOf(d, ids.Output)).toEqual([null, 7]);

    store.getState().undo();
    expect(doc(store)).toBe(before);
  });

  it('leaves the graph untouched when pasting text that is not a graph', () => {
    const store = freshStore();
    const before = doc(store);
    expect(store.getState().paste('{"format": "convas-graph", "version": 1, "nodes": 3}')).toBe(false);
    expect(doc(store)).toBe(before);
    expect(store.getState().toasts.at(-1)?.kind).toBe('error');
  });

  it('duplicates the selection next to it', () => {
    const store = freshStore();
    const ids = buildChain(store);
    store.getState().select([ids.Dense]);
    store.getState().duplicateSelection();
    const d = doc(store);
    const copy = d.nodes.at(-1)!;
    expect(copy.type).toBe('Dense');
    expect(copy.id).not.toBe(ids.Dense);
    expect(copy.name).toBe('dense_1');
  });

  it('records a drag as one undo step however many frames it has', () => {
    const store = freshStore();
    const input = idOf(store, 'Input');
    const before = doc(store);
    const steps = store.getState().history.past.length;
    for (let i = 1; i <= 5; i++) {
      store.getState().onNodesChange([{ id: input, type: 'position', position: { x: i * 10.4, y: i * 5 }, dragging: true }]);
    }
    expect(store.getState().history.past.length).toBe(steps);
    store.getState().onNodesChange([{ id: input, type: 'position', position: { x: 52.4, y: 25 }, dragging: false }]);
    expect(store.getState().history.past.length).toBe(steps + 1);
    expect(doc(store).nodes.find((n) => n.id === input)?.position).toEqual({ x: 52, y: 25 });
    store.getState().undo();
    expect(doc(store)).toBe(before);
    // Selection and measuring are view-only: no history, no document change.
    store.getState().onNodesChange([{ id: input, type: 'select', selected: true }]);
    store.getState().onNodesChange([{ id: input, type: 'dimensions', dimensions: { width: 208, height: 90 } }]);
    expect(doc(store)).toBe(before);
    expect(store.getState().nodes.find((n) => n.id === input)).toMatchObject({ selected: true, measured: { width: 208, height: 90 } });
  });

  it('moves the task: Input size and channels, Output classes', () => {
    const store = freshStore();
    const ids = buildChain(store);
    store.getState().setTask({ id: 'brain-mri-classify' });
    const d = doc(store);
    expect(d.task).toEqual({ id: 'brain-mri-classify' });
    expect(shapeOf(d, ids.Input)).toEqual([null, 64, 64, 1]);
    // 3*3*1*16 + 16 = 160; Output 4 classes: 64*4 + 4 = 260.
    expect(paramsOf(d, ids.Conv2D)).toBe(160);
    expect(shapeOf(d, ids.Output)).toEqual([null, 4]);
    expect(paramsOf(d, ids.Output)).toBe(260);
    store.getState().undo();
    expect(doc(store).task.id).toBe('skin-lesions');
  });

  it('loads a document as one undo step and lays it out left to right', () => {
    const store = freshStore();
    const ids = buildChain(store);
    const built = doc(store);
    store.getState().setTemplateNote('vgg');
    expect(store.getState().loadDocument(emptyDocument({ id: 'brain-mri-segment' }))).toBe(true);
    expect(doc(store).nodes).toHaveLength(2);
    // The previous template's architecture note does not describe the new graph.
    expect(store.getState().templateNote).toBeNull();
    expect(store.getState().fitRequest).toBe(1);
    store.getState().undo();
    expect(doc(store)).toBe(built);

    store.getState().arrange();
    const d = doc(store);
    const x = (id: string) => d.nodes.find((n) => n.id === id)!.position.x;
    const order = ['Input', 'Conv2D', 'Activation', 'MaxPooling2D', 'Flatten', 'Dense', 'Output'];
    for (let i = 0; i + 1 < order.length; i++) expect(x(ids[order[i]])).toBeLessThan(x(ids[order[i + 1]]));
    expect(new Set(d.nodes.map((n) => n.position.y)).size).toBe(1);
  });

  it('freezes a node and thaws it, one undo step each; the field is dropped when thawed', () => {
    const store = freshStore();
    const ids = buildChain(store);
    const frozen = () => doc(store).nodes.find((n) => n.id === ids.Conv2D)?.frozen;
    store.getState().setFrozen(ids.Conv2D, true);
    expect(frozen()).toBe(true);
    const before = doc(store);
    store.getState().setFrozen(ids.Conv2D, true); // no change, no history step
    expect(doc(store)).toBe(before);
    store.getState().setFrozen(ids.Conv2D, false);
    expect(doc(store).nodes.find((n) => n.id === ids.Conv2D)).not.toHaveProperty('frozen');
    store.getState().undo();
    expect(frozen()).toBe(true);
    store.getState().undo();
    expect(frozen()).toBeUndefined();
    // Freezing changes no shape; the conv's 3*3*3*16 + 16 = 448 weights count as non-trainable while frozen.
    const counts = (d: GraphDocument) => analyse(d).report.nodes[ids.Conv2D]?.params;
    expect(counts(doc(store))).toEqual({ trainable: 448, nonTrainable: 0 });
    expect(counts(before)).toEqual({ trainable: 0, nonTrainable: 448 });
    expect(shapeOf(before, ids.Conv2D)).toEqual(shapeOf(doc(store), ids.Conv2D));
  });
});
