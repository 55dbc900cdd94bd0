import { describe, expect, it } from 'vitest';
import {
  ATYPICAL_FRACTION, makeGlioma, makeMeningioma, makePituitary, sliceRadius,
} from '../../../../../engine/datasets/generate/mriTumour';
import { createRng } from '../../../../../engine/datasets/rng';

// Brain coordinates: the brain outline has radius ~1, the inner table of the skull sits just outside it.
const many = <T>(make: (seed: number) => T) => Array.from({ length: 300 }, (_, s) => make(s));

describe('tumour placement', () => {
  it('puts meningiomas against the skull: the disc reaches past the brain edge', () => {
    for (const t of many((s) => makeMeningioma(createRng(s)))) {
      // Outline radius varies by at most ~ +-25 % with the harmonics; the centre is 1 - (0.35..0.75) r3 out.
      expect(Math.hypot(t.cx, t.cy) + t.r3 * 0.75).toBeGreaterThan(1);
      expect(Math.hypot(t.cx, t.cy)).toBeLessThan(1);
    }
  });

  it('keeps most gliomas inside the brain and off the midline', () => {
    const gliomas = many((s) => makeGlioma(createRng(s)));
    const deep = gliomas.filter((t) => Math.hypot(t.cx, t.cy) + t.r3 < 0.95);
    // All but the deliberately surface-hugging mimics (ATYPICAL_FRACTION of them).
    expect(deep.length / gliomas.length).toBeGreaterThan(1 - ATYPICAL_FRACTION - 0.06);
    for (const t of gliomas) expect(Math.abs(t.cx)).toBeGreaterThanOrEqual(0.18 - 1e-9);
    expect(gliomas.filter((t) => t.enhancing).length / gliomas.length).toBeGreaterThan(0.6);
  });

  it('puts pituitary tumours small, at the midline, in front of the centre, near the skull base', () => {
    for (const t of many((s) => makePituitary(createRng(s)))) {
      expect(Math.abs(t.cx)).toBeLessThanOrEqual(0.03);
      expect(t.cy).toBeLessThan(0);
      expect(t.cz).toBeLessThan(0.2);
      expect(t.r3).toBeLessThan(0.2);
    }
  });

  it('cuts a ball: the slice radius is sqrt(r3^2 - dz^2), zero past the ball', () => {
    const t = { ...makeGlioma(createRng(1)), cz: 0.5, r3: 0.25 };
    expect(sliceRadius(t, 0.5)).toBeCloseTo(0.25, 9);
    expect(sliceRadius(t, 0.65)).toBeCloseTo(0.2, 9); // 3-4-5 triangle: sqrt(0.0625 - 0.0225)
    expect(sliceRadius(t, 0.8)).toBe(0);
  });
});
