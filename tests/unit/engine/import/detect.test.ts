/** Telling a model from a graph document among dropped files (engine/import/detect.ts). */
import { describe, expect, it } from 'vitest';
import { isModelJsonText, looksLikeModel } from '@/engine/import/detect';

describe('model or graph?', () => {
  it('by names: several files, model files and model.json are models; one other .json is a graph', () => {
    expect(looksLikeModel(['model.json', 'group1-shard1of1.bin'])).toBe(true);
    expect(looksLikeModel(['net.onnx'])).toBe(true);
    expect(looksLikeModel(['Model.JSON'])).toBe(true);
    expect(looksLikeModel(['weights.h5'])).toBe(true);
    expect(looksLikeModel(['my.keras'])).toBe(true);
    expect(looksLikeModel(['first-cnn.json'])).toBe(false);
  });

  it('by the start of a .json: tfjs model.json and Keras to_json() are models, a Convas graph is not', () => {
    expect(isModelJsonText('{"modelTopology": {"class_name": "Sequential"}}')).toBe(true);
    expect(isModelJsonText('{"class_name": "Functional", "config": {}}')).toBe(true);
    expect(isModelJsonText(' {"module": "keras", "class_name": "Sequential"}')).toBe(true);
    expect(isModelJsonText('{"format": "convas-graph", "version": 3, "nodes": []}')).toBe(false);
  });
});
