import { describe, expect, it } from 'vitest';
import { divergenceMessage, RisingLossWatch, suggestedLearningRate } from '@/engine/train/divergence';

describe('divergence messages', () => {
  it.each([
    // lr, optimizer, suggestion: the usual default, or a tenth when already at or below it
    [100, 'adam', 0.001],
    [0.01, 'adam', 0.001],
    [0.001, 'adam', 0.0001],
    [0.5, 'sgd', 0.01],
    [0.003, 'sgd', 0.0003],
  ] as const)('lr %f with %s -> try %f', (lr, optimizer, expected) => {
    expect(suggestedLearningRate(lr, optimizer)).toBe(expected);
  });

  it('names the epoch, batch, learning rate and a value to try', () => {
    expect(divergenceMessage(NaN, 1, 3, 100, 'adam').message).toBe(
      'Loss became NaN at epoch 1, batch 3. The learning rate 100 is probably too high; try 0.001.',
    );
    expect(divergenceMessage(Infinity, 2, 7, 0.5, 'sgd').message).toBe(
      'Loss became infinite at epoch 2, batch 7. The learning rate 0.5 is probably too high; try 0.01.',
    );
  });
});

describe('RisingLossWatch', () => {
  it('warns once, when the mean of the last 10 losses passes 4x the first', () => {
    const watch = new RisingLossWatch(100, 'adam');
    const out = [1.1, ...new Array(8).fill(5), 5, 5, 5].map((l) => watch.add(l));
    // after 10 losses: mean (1.1 + 9 * 5) / 10 = 4.61 > 4.4 -> warns at the 10th
    expect(out.findIndex((w) => w !== null)).toBe(9);
    expect(out[9]).toBe('Loss rose from 1.10 to 4.61 (mean of the last 10 batches): the learning rate 100 is probably too high; try 0.001.');
    expect(out.slice(10).every((w) => w === null)).toBe(true);
  });

  it('warns when the loss jumps in the first batches and stays far above a blind guess (ln 7 = 1.95 for 7 classes)', () => {
    const watch = new RisingLossWatch(10, 'sgd', Math.log(7));
    // 2.0 then a flat 5.5: never 4x the first loss (8.0), but 2.82x a guess's 1.95.
    const out = [2.0, ...new Array(12).fill(5.5)].map((l) => watch.add(l));
    expect(out.findIndex((w) => w !== null)).toBe(9);
    // mean of the first 10: (2.0 + 9 * 5.5) / 10 = 5.15
    expect(out[9]).toBe('Loss is 5.15 (mean of the last 10 batches), more than twice the 1.95 of a blind guess: the learning rate 10 is probably too high; try 0.01.');
    expect(out.slice(10).every((w) => w === null)).toBe(true);
  });

  it('stays quiet near a blind guess, as a network that has not learned yet does', () => {
    const watch = new RisingLossWatch(0.001, 'adam', Math.log(7));
    const losses = Array.from({ length: 60 }, (_, i) => 1.95 + 0.6 * Math.sin(i * 1.7));
    expect(losses.map((l) => watch.add(l)).every((w) => w === null)).toBe(true);
  });

  it('stays quiet while the loss falls or wobbles near its start', () => {
    const watch = new RisingLossWatch(0.001, 'adam');
    const losses = Array.from({ length: 50 }, (_, i) => 1.1 * Math.exp(-i / 20) + 0.3 * Math.sin(i));
    expect(losses.map((l) => watch.add(l)).every((w) => w === null)).toBe(true);
  });
});
