/**
 * The stored imported weights: records validated on the way back (a damaged or older one is dropped, never
 * applied), and the messages for a full or blocked storage. The IndexedDB round trip itself runs in real
 * Chromium (tests/e2e/modelImport.spec.ts: import, reload, export).
 */
import { describe, expect, it } from 'vitest';
import { readStoredRecord, storageErrorMessage, weightsBytes } from '@/components/editor/importedWeightsDb';

const good = () => ({
  version: 1,
  label: 'model.json',
  nodes: { imp2: 'Conv2D', imp5: 'Dense' },
  weights: [
    { name: 'imp2/kernel', shape: [3, 3, 1, 2], data: new Float32Array(18).fill(0.5) },
    { name: 'imp2/bias', shape: [2], data: new Float32Array([1, -1]) },
  ],
  savedAt: 0,
});

describe('readStoredRecord', () => {
  it('gives back the label, node types and weights of a valid record', () => {
    const read = readStoredRecord(good());
    expect(read?.label).toBe('model.json');
    expect(read?.nodes).toEqual({ imp2: 'Conv2D', imp5: 'Dense' });
    expect(read?.weights.map((w) => [w.name, w.shape, w.data.length])).toEqual([
      ['imp2/kernel', [3, 3, 1, 2], 18],
      ['imp2/bias', [2], 2],
    ]);
    expect(Array.from(read?.weights[1].data ?? [])).toEqual([1, -1]);
  });

  it.each<[string, (r: ReturnType<typeof good>) => unknown]>([
    ['nothing stored', () => undefined],
    ['another version', (r) => ({ ...r, version: 2 })],
    ['an unknown node type', (r) => ({ ...r, nodes: { imp2: 'Conv9D' } })],
    ['a shape that does not fit the values', (r) => ({ ...r, weights: [{ ...r.weights[0], shape: [3, 3, 1, 3] }] })],
    ['values that are not float32', (r) => ({ ...r, weights: [{ ...r.weights[1], data: [1, -1] }] })],
    ['a negative dimension', (r) => ({ ...r, weights: [{ name: 'x/bias', shape: [-2], data: new Float32Array(0) }] })],
  ])('drops %s', (_name, damage) => {
    expect(readStoredRecord(damage(good()))).toBeNull();
  });
});

describe('storage messages', () => {
  const bytes = weightsBytes(readStoredRecord(good())?.weights ?? []);

  it('counts 4 bytes a value', () => {
    expect(bytes).toBe(80);
  });

  it('a full storage: says how much, that a reload loses them, and how to keep them', () => {
    const message = storageErrorMessage(new DOMException('quota', 'QuotaExceededError'), 12.5 * 2 ** 20);
    expect(message).toContain('(12.5 MB) do not fit');
    expect(message).toContain('will not survive a reload');
    expect(message).toContain('export the model with its weights');
  });

  it('no storage at all: says so with the browser reason, and that they stay until the page closes', () => {
    const message = storageErrorMessage(new Error('IndexedDB is not available'), bytes);
    expect(message).toMatch(/^This browser does not let Convas store the imported weights on this computer \(IndexedDB is not available\)/);
    expect(message).toContain('stay until this page is closed');
  });
});
