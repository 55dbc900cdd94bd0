import { describe, expect, it } from 'vitest';
import { PANEL_LAYOUT_KEY, readPanelLayout, writePanelLayout } from '@/components/training/panelLayout';

function memoryStorage(initial?: string) {
  const data = new Map<string, string>(initial === undefined ? [] : [[PANEL_LAYOUT_KEY, initial]]);
  return { data, getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
}

describe('training panel layout', () => {
  it('defaults to 40% of the height under the 48 px header, at least 280 px, expanded: the canvas keeps the larger part', () => {
    // 900: 0.4 * 852 = 340.8 -> 341 (the canvas keeps 511); 768: 0.4 * 720 = 288; 600: 0.4 * 552 = 221 -> 280.
    expect(readPanelLayout(memoryStorage(), 900)).toEqual({ height: 341, collapsed: false });
    expect(readPanelLayout(memoryStorage(), 768)).toEqual({ height: 288, collapsed: false });
    expect(readPanelLayout(memoryStorage(), 600)).toEqual({ height: 280, collapsed: false });
    expect(readPanelLayout(null, 1200)).toEqual({ height: 461, collapsed: false });
  });

  it('gives back what was saved, fitted to a smaller window', () => {
    const storage = memoryStorage();
    writePanelLayout(storage, { height: 610, collapsed: true });
    expect(readPanelLayout(storage, 1000)).toEqual({ height: 610, collapsed: true });
    // 700 px window: the canvas keeps its 160 px, so the panel gets at most 540.
    expect(readPanelLayout(storage, 700)).toEqual({ height: 540, collapsed: true });
  });

  it.each([['not JSON', '{'], ['a number', '3'], ['junk fields', '{"height":"tall","collapsed":"yes"}']])('ignores %s', (_what, text) => {
    expect(readPanelLayout(memoryStorage(text), 900)).toEqual({ height: 341, collapsed: false });
  });

  it('never throws when the browser refuses to store', () => {
    const refusing = { setItem: () => { throw new Error('QuotaExceededError'); } };
    expect(() => writePanelLayout(refusing, { height: 300, collapsed: false })).not.toThrow();
  });
});
