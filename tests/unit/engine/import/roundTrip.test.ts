/**
 * Round trip: every fixture graph (tests/fixtures/graphs) and tiny test graph, compiled by Convas with random
 * weights and saved as tfjs saves it (what the tfjs export writes: model.json + weights.bin), imports back to
 * the same graph (types, names, params, wiring; up to ids and layout) with the same outputs.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { compileGraph, type CompiledGraph } from '@/engine/compile';
import { fileListSource } from '@/engine/datasets/import/source';
import { saveArtifacts } from '@/engine/export/artifacts';
import { modelJson } from '@/engine/export/tfjs';
import { weightBytes } from '@/engine/export/weights';
import { importModel } from '@/engine/import';
import { applyImportedWeights } from '@/engine/import/applyWeights';
import { poolStride, withDefaults } from '@/graph/catalog';
import { headClasses, taskInfo, type TaskInfo } from '@/graph/tasks';
import type { GraphDocument } from '@/graph/types';
import { fixtureDocuments, TINY_GRAPHS } from '../compile/graphs';
import { randomiseWeights } from './tfjsModels';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function compiled(doc: GraphDocument): CompiledGraph {
  const c = compileGraph(doc);
  if (!c.ok) throw new Error(c.issues.map((i) => i.message).join('\n'));
  return c;
}

/** The graph as comparable text: nodes by name with type and params (pool stride resolved), edges by names. */
function shapeOf(doc: GraphDocument, c: CompiledGraph): string[] {
  const on = new Set(Object.keys(c.layers));
  const name = (id: string) => c.layers[id];
  const nodes = doc.nodes.filter((n) => on.has(n.id)).map((n) => {
    const p = { ...withDefaults(n.type, n.params) };
    if (n.type === 'MaxPooling2D' || n.type === 'AveragePooling2D') p.strides = poolStride(p);
    const params = Object.keys(p).sort().map((k) => `${k}=${String(p[k])}`).join(',');
    return `${name(n.id)}:${n.type}(${params})`;
  });
  // Edge order matters only among one node's inputs (Add and Concatenate read them in order).
  const edges = [...on].map((id) => `${name(id)}<-${doc.edges.filter((e) => e.target === id && on.has(e.source)).map((e) => name(e.source)).join(',')}`);
  return [...nodes.sort(), ...edges.sort()];
}

const graphs: [string, GraphDocument][] = [...Object.entries(fixtureDocuments()), ...Object.entries(TINY_GRAPHS).map(([k, f]) => [k, f()] as [string, GraphDocument])];

describe('tfjs export -> import round trip', () => {
  for (const [name, doc] of graphs) {
    it(`${name}: same graph, same outputs`, async () => {
      const original = compiled(doc);
      randomiseWeights(original.model, 21);
      const artifacts = await saveArtifacts(original.model);
      const json = new TextEncoder().encode(modelJson(artifacts));
      const bin = weightBytes(artifacts.weightData);
      const m = await importModel(fileListSource([
        { path: 'model.json', size: json.length, read: async () => json },
        { path: 'weights.bin', size: bin.length, read: async () => bin },
      ]));
      expect(m.summary.unsupported).toEqual([]);
      // The file does not say which task; one with the same head is chosen (brain or random masks alike).
      const head = (d: GraphDocument) => { const info = taskInfo(d.task.id) as TaskInfo; return `${info.kind}:${headClasses(info, d.task.maskMode)}`; };
      expect(head(m.doc)).toBe(head(doc));
      const back = compiled(m.doc);
      expect(applyImportedWeights(back, m.weights).skipped).toEqual([]);
      expect(shapeOf(m.doc, back)).toEqual(shapeOf(doc, original));
      const [h, w, ch] = original.inputShape;
      const diff = tf.tidy(() => {
        const x = tf.randomUniform([2, h, w, ch], 0, 1, 'float32', 4);
        return tf.max(tf.abs(tf.sub(original.model.predict(x) as tf.Tensor, back.model.predict(x) as tf.Tensor))).dataSync()[0];
      });
      expect(diff).toBeLessThan(1e-5);
      original.model.dispose();
      back.model.dispose();
    });
  }
});
