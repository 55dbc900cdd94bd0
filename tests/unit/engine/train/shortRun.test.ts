import { describe, expect, it } from 'vitest';
import { MIN_UPDATES, shortRun } from '@/engine/train/shortRun';

describe('shortRun', () => {
  it('counts the updates of three real patients at the Small U-Net defaults (62 slices, batch 16, 15 epochs)', () => {
    // ceil(62 / 16) = 4 batches an epoch, 4 x 15 = 60 updates; 200 / 4 = 50 epochs reach the minimum.
    expect(shortRun(62, 16, 15)).toEqual({ updates: 60, perEpoch: 4, epochs: 15, suggestedEpochs: 50 });
  });

  it('says nothing for the First CNN defaults on 1200 generated images (816 train, batch 16, 10 epochs = 510)', () => {
    expect(shortRun(816, 16, 10)).toBeNull();
    // The empty graph's defaults (batch 32, 5 epochs) make 26 x 5 = 130: said.
    expect(shortRun(816, 32, 5)?.updates).toBe(130);
  });

  it('counts a partial last batch as an update, as the training loop does', () => {
    // 204 / 32 = 6.4 -> 7 batches; one epoch is 7 updates; ceil(200 / 7) = 29 epochs.
    expect(shortRun(204, 32, 1)).toEqual({ updates: 7, perEpoch: 7, epochs: 1, suggestedEpochs: 29 });
  });

  it('is silent at exactly the minimum and for an empty split', () => {
    expect(shortRun(MIN_UPDATES, 1, 1)).toBeNull();
    expect(shortRun(MIN_UPDATES - 1, 1, 1)?.suggestedEpochs).toBe(2);
    expect(shortRun(0, 16, 15)).toBeNull();
  });
});
