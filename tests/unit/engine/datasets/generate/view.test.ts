import { describe, expect, it } from 'vitest';
import { apply, invert, localToPixel, pixelToLocal, type View } from '../../../../../engine/datasets/generate/view';

describe('view maps', () => {
  it('puts the local origin at the image centre and local x = 1 at the right edge for the identity view', () => {
    const m = localToPixel({ angle: 0, flip: false, scale: 1, shiftX: 0, shiftY: 0 }, 64, 64);
    expect(apply(m, 0, 0)).toEqual([32, 32]);
    expect(apply(m, 1, 0)).toEqual([64, 32]);
    expect(apply(m, 0, -1)).toEqual([32, 0]);
  });

  it.each<[string, View, [number, number], [number, number]]>([
    // 90 degrees: local +x goes to screen +y (y down), so (0.5, 0) lands below the centre.
    ['rotation', { angle: Math.PI / 2, flip: false, scale: 1, shiftX: 0, shiftY: 0 }, [0.5, 0], [32, 48]],
    ['flip', { angle: 0, flip: true, scale: 1, shiftX: 0, shiftY: 0 }, [0.5, 0], [16, 32]],
    ['zoom', { angle: 0, flip: false, scale: 2, shiftX: 0, shiftY: 0 }, [0.25, 0], [48, 32]],
    ['shift', { angle: 0, flip: false, scale: 1, shiftX: 0.5, shiftY: -0.25 }, [0, 0], [48, 24]],
  ])('%s', (_name, view, local, pixel) => {
    const [x, y] = apply(localToPixel(view, 64, 64), local[0], local[1]);
    expect(x).toBeCloseTo(pixel[0], 9);
    expect(y).toBeCloseTo(pixel[1], 9);
  });

  it('pixelToLocal inverts localToPixel', () => {
    const view: View = { angle: 0.7, flip: true, scale: 0.8, shiftX: 0.1, shiftY: -0.05 };
    const [px, py] = apply(localToPixel(view, 50, 50), 0.3, -0.2);
    const [u, v] = apply(pixelToLocal(view, 50, 50), px, py);
    expect(u).toBeCloseTo(0.3, 9);
    expect(v).toBeCloseTo(-0.2, 9);
    const m = { xx: 2, xy: 1, x0: 3, yx: 0, yy: 1, y0: -1 };
    const back = apply(invert(m), ...apply(m, 5, 7));
    expect(back[0]).toBeCloseTo(5, 9);
    expect(back[1]).toBeCloseTo(7, 9);
  });
});
