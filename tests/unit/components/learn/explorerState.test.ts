import { describe, expect, it } from 'vitest';
import { cellCount, explorerReducer, initialState, type ExplorerState } from '@/components/learn/explorerState';

const run = (state: ExplorerState, ...actions: Parameters<typeof explorerReducer>[1][]) => actions.reduce(explorerReducer, state);

describe('explorerReducer', () => {
  it('the classic figure has 9 output cells; ticking fills them and stops at the last', () => {
    const s0 = initialState(undefined, true);
    expect(cellCount(s0.settings)).toBe(9);
    const s = run(s0, ...Array.from({ length: 12 }, () => ({ type: 'tick' }) as const));
    expect(s).toMatchObject({ cursor: 8, revealed: 8, playing: false });
  });

  it('play at the end starts again from an empty output', () => {
    const end = run(initialState(undefined), { type: 'select', index: 8 });
    expect(run(end, { type: 'play' })).toMatchObject({ cursor: 0, revealed: 0, playing: true });
  });

  it('selecting an earlier cell keeps the cells already computed', () => {
    const s = run(initialState(undefined), { type: 'select', index: 6 }, { type: 'select', index: 2 });
    expect(s).toMatchObject({ cursor: 2, revealed: 6, playing: false });
  });

  it('a new setting restarts the figure; stepping stays inside the output', () => {
    const s = run(initialState(undefined, true), { type: 'tick' }, { type: 'set', settings: { padding: 1 } });
    expect(s).toMatchObject({ cursor: 0, revealed: 0, playing: false });
    expect(cellCount(s.settings)).toBe(25);
    expect(run(s, { type: 'step', by: -1 }).cursor).toBe(0);
    expect(run(s, { type: 'select', index: 99 }).cursor).toBe(24);
  });

  it('no output (window larger than the input): play does nothing', () => {
    const s = initialState({ inputSize: 3, kernelSize: 5, padding: 'valid' });
    expect(cellCount(s.settings)).toBe(0);
    expect(run(s, { type: 'play' }).playing).toBe(false);
  });
});
