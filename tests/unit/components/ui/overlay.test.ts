import { describe, expect, it } from 'vitest';
import { diceCaption, filterSamples, galleryHeading } from '@/components/training/galleryView';
import { maskPixels, sampleRgba } from '@/components/ui/overlay';
import type { SamplePrediction } from '@/engine/train/events';

describe('sampleRgba', () => {
  it('repeats gray into RGB and tints mask pixels (class 1 = rgb(255, 60, 40))', () => {
    const img = sampleRgba({ image: Uint8Array.of(100, 200), width: 2, height: 1, channels: 1 }, Uint8Array.of(1, 0), 0.5);
    // (100 + 255) / 2 = 177.5 -> 178, (100 + 60) / 2 = 80, (100 + 40) / 2 = 70; pixel 2 untouched
    expect([...img.data]).toEqual([178, 80, 70, 255, 200, 200, 200, 255]);
  });

  it('keeps RGB channels', () => {
    expect([...sampleRgba({ image: Uint8Array.of(1, 2, 3), width: 1, height: 1, channels: 3 }).data]).toEqual([1, 2, 3, 255]);
  });

  it('counts mask pixels', () => {
    expect(maskPixels(Uint8Array.of(0, 2, 1, 0))).toBe(2);
    expect(maskPixels(undefined)).toBe(0);
  });
});

const s = (index: number, trueClass: number, predictedClass: number): SamplePrediction => ({
  index, id: String(index), image: new Uint8Array(1), width: 1, height: 1, channels: 1, trueClass, predictedClass, confidence: 0.5,
});

describe('gallery filter', () => {
  const samples = [s(0, 0, 0), s(1, 1, 0), s(2, 1, 0), s(3, 2, 1)];
  it.each([
    [{ cell: null, mistakesOnly: false }, [0, 1, 2, 3]],
    [{ cell: null, mistakesOnly: true }, [1, 2, 3]],
    [{ cell: { trueClass: 1, predictedClass: 0 }, mistakesOnly: false }, [1, 2]],
    [{ cell: { trueClass: 0, predictedClass: 2 }, mistakesOnly: true }, []],
  ])('%o', (filter, indices) => {
    expect(filterSamples(samples, filter).map((x) => x.index)).toEqual(indices);
  });

  it('says what is shown', () => {
    expect(galleryHeading({ cell: { trueClass: 1, predictedClass: 0 }, mistakesOnly: false }, 2, 4, ['a', 'b', 'c'])).toBe('Truly b, predicted a (2 of 4 sample images)');
  });
});

describe('diceCaption (MONAI empty rule)', () => {
  it.each([
    [0.8123, 5, 'Dice 0.81', false],
    [Number.NaN, 0, 'empty mask: correctly empty', true],
    [Number.NaN, 12, 'empty mask: 12 px predicted', true],
  ])('dice %f, %i px predicted -> %s', (dice, px, text, empty) => {
    expect(diceCaption({ dice }, px)).toEqual({ text, empty });
  });
});
