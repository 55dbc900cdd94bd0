import { describe, expect, it } from 'vitest';
import { DiceAccumulator, diceFromCounts, imageDice, predictedMask } from '@/engine/metrics/dice';

describe('predictedMask', () => {
  it('thresholds one channel at 0.5 (inclusive)', () => {
    expect(Array.from(predictedMask([0.2, 0.5, 0.49, 0.9], 1))).toEqual([0, 1, 0, 1]);
  });
  it('takes the argmax over several channels, the first on ties', () => {
    expect(Array.from(predictedMask([0.6, 0.3, 0.1, 0.2, 0.5, 0.3, 0.4, 0.4, 0.2], 3))).toEqual([0, 1, 0]);
  });
});

describe('diceFromCounts', () => {
  it.each([
    // intersection, |truth|, |prediction|, ignoreEmpty -> Dice
    [1, 2, 2, true, 0.5],
    [3, 3, 3, true, 1],
    [0, 2, 0, true, 0],
    [0, 0, 0, true, NaN], // MONAI ignore_empty: empty truth -> NaN
    [0, 0, 3, true, NaN], // ... whatever was predicted
    [0, 0, 0, false, 1], // without ignore_empty: both empty -> 1
    [0, 0, 3, false, 0],
  ])('%i / (%i + %i) ignoreEmpty %s -> %s', (i, t, p, ignore, want) => {
    const got = diceFromCounts(i, t, p, ignore);
    if (Number.isNaN(want)) expect(got).toBeNaN();
    else expect(got).toBeCloseTo(want, 12);
  });
});

describe('imageDice', () => {
  it('scores each class of a multiclass image', () => {
    // truth 0,1,2,2 ; predicted 0,1,2,0: class 0 2*1/(1+2), class 1 2*1/(1+1), class 2 2*1/(2+1)
    const d = imageDice([0, 1, 2, 2], [0, 1, 2, 0], 3, 'multiclass');
    expect(d[0]).toBeCloseTo(2 / 3, 12);
    expect(d[1]).toBeCloseTo(1, 12);
    expect(d[2]).toBeCloseTo(2 / 3, 12);
  });

  it('treats any tumour class as foreground in binary mode', () => {
    // truth classes 0,2,3,0 -> foreground 0,1,1,0 ; predicted 0,1,0,0: fg 2*1/(2+1), bg 2*2/(2+3)
    const d = imageDice([0, 2, 3, 0], [0, 1, 0, 0], 2, 'binary');
    expect(d[1]).toBeCloseTo(2 / 3, 12);
    expect(d[0]).toBeCloseTo(4 / 5, 12);
  });

  it('rejects a mask class the model does not have', () => {
    expect(() => imageDice([0, 3], [0, 0], 3, 'multiclass')).toThrow(/outside 0..2/);
  });
});

describe('DiceAccumulator', () => {
  it('binary: per-image Dice averaged over images, empty-truth images left out', () => {
    const acc = new DiceAccumulator({ mode: 'binary', numClasses: 2 });
    // Three 2x2 images: A truth 0,1,1,0 pred 0,1,0,1 (fg 1/2, bg 1/2);
    // B truth empty, one pixel predicted (fg NaN, bg 2*3/(4+3)); C truth and prediction empty (fg NaN, bg 1).
    acc.update([0, 1, 1, 0, 0, 0, 0, 0], [0.2, 0.7, 0.4, 0.5, 0.1, 0.1, 0.9, 0.1], 2);
    acc.update([0, 0, 0, 0], [0.1, 0.2, 0.3, 0.4], 1);
    const r = acc.result();
    expect(r.counted).toEqual([3, 1]);
    expect(r.perClass[1]).toBeCloseTo(0.5, 12);
    expect(r.perClass[0]).toBeCloseTo((0.5 + 6 / 7 + 1) / 3, 12);
    expect(r.mean).toBeCloseTo(0.5, 12); // foreground only
    const withBackground = new DiceAccumulator({ mode: 'binary', numClasses: 2, includeBackground: true });
    withBackground.update([0, 1, 1, 0], [0.2, 0.7, 0.4, 0.5], 1);
    expect(withBackground.result().mean).toBeCloseTo(0.5, 12);
  });

  it('multiclass: a class absent from an image truth counts only where present', () => {
    const acc = new DiceAccumulator({ mode: 'multiclass', numClasses: 3 });
    // image 1: truth 0,1,2,2 pred 0,1,2,0 -> 2/3, 1, 2/3 ; image 2: truth 0,0,1,1 pred 0,2,1,1 -> 2/3, 1, NaN
    const probs1 = [0.6, 0.3, 0.1, 0.2, 0.5, 0.3, 0.1, 0.2, 0.7, 0.4, 0.4, 0.2];
    const probs2 = [0.8, 0.1, 0.1, 0.1, 0.2, 0.7, 0.1, 0.8, 0.1, 0.2, 0.7, 0.1];
    acc.update([0, 1, 2, 2, 0, 0, 1, 1], [...probs1, ...probs2], 2);
    const r = acc.result();
    expect(r.counted).toEqual([2, 2, 1]);
    expect(r.perClass[0]).toBeCloseTo(2 / 3, 12);
    expect(r.perClass[1]).toBeCloseTo(1, 12);
    expect(r.perClass[2]).toBeCloseTo(2 / 3, 12);
    expect(r.mean).toBeCloseTo((1 + 2 / 3) / 2, 12);
    acc.reset();
    const empty = acc.result();
    expect(empty.counted).toEqual([0, 0, 0]);
    expect(empty.mean).toBeNaN();
  });

  it('rejects probabilities that do not match the masks', () => {
    const acc = new DiceAccumulator({ mode: 'multiclass', numClasses: 3 });
    expect(() => acc.update([0, 1], [0.5, 0.5], 1)).toThrow(/channel/);
    expect(() => new DiceAccumulator({ mode: 'binary', numClasses: 3 })).toThrow(/2 classes/);
  });
});
