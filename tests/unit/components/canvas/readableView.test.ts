import { describe, expect, it } from 'vitest';
import { FIT_MAX_ZOOM, READABLE_ZOOM, readableViewport } from '@/components/canvas/readableView';

const margin = { top: 36, right: 196, bottom: 36, left: 36 };

describe('readable fit', () => {
  it('centres a graph that fits at a readable zoom, as fitView would', () => {
    // Free area 800 - 232 = 568 wide, 500 - 72 = 428 tall; a 400 x 200 graph fits at min(1.42, 2.14), capped at 1.1.
    const v = readableViewport({ x: 0, y: 0, width: 400, height: 200 }, 800, 500, margin);
    expect(v.zoom).toBe(FIT_MAX_ZOOM);
    expect(v.x).toBeCloseTo(36 + (568 - 440) / 2, 6);
    expect(v.y).toBeCloseTo(36 + (428 - 220) / 2, 6);
  });

  it('never goes below the readable zoom: a long strip starts at its Input, top-left, and pans', () => {
    // 3,000 x 100 would fit at 568 / 3000 = 0.19 (6 px text); it stays at the readable zoom instead.
    const v = readableViewport({ x: -50, y: 20, width: 3000, height: 100 }, 800, 500, margin);
    expect(v.zoom).toBe(READABLE_ZOOM);
    expect(v.x).toBe(36 + 50 * READABLE_ZOOM);
    // It still fits vertically, so it is centred that way: 36 + (428 - 100) / 2 - 20.
    expect(v.y).toBeCloseTo(36 + (428 - 100) / 2 - 20, 6);
    expect(READABLE_ZOOM * 11).toBeGreaterThanOrEqual(11);
  });

  it('drops the minimap corner from the margins when only that lets a wide row fit readably', () => {
    // The empty graph: Input and Output two chain steps apart, 784 x 84, in a 864 x 511 canvas. With the
    // corner kept free only 632 px are left (zoom 0.81); with 24 px all round, 816 (zoom 1.04).
    const v = readableViewport({ x: 0, y: 0, width: 784, height: 84 }, 864, 511, margin);
    expect(v.zoom).toBeCloseTo(816 / 784, 6);
    expect(v.x).toBeCloseTo(24, 6);
    // Centred on its row: the row ends well above the minimap (the bottom 119 px).
    expect(v.y + 84 * v.zoom).toBeLessThan(511 - 119);
  });
});
