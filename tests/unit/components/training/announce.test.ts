import { describe, expect, it } from 'vitest';
import { trainingAnnouncement } from '@/components/training/announce';
import { GENERATED_DATASET, type EpochPoint, type RunRecord } from '@/components/store/training/runs';
import { buildFirstCnn } from '@/graph/templates/firstCnn';

const doc = buildFirstCnn();

function epoch(n: number, patch: Partial<EpochPoint> = {}): EpochPoint {
  return {
    epoch: n, trainLoss: 1.5, valLoss: 1.234, accuracy: 0.5, balancedAccuracy: 0.347, baselineAccuracy: 0.649,
    meanDice: null, dicePerClass: null, trainAccuracy: 0.4, imagesPerSecond: 100, seconds: 2, ...patch,
  };
}

function run(patch: Partial<RunRecord> = {}): RunRecord {
  return {
    id: 'r1', number: 1, name: 'First CNN', startedAt: 0, taskId: 'skin-lesions', dataset: GENERATED_DATASET, lesson: null, kind: 'classification',
    classNames: ['a', 'b'], settings: { ...doc.training, epochs: 5 }, doc, backend: 'wasm', params: 10,
    splits: { train: 10, validation: 4, test: 4 }, batchesPerEpoch: 2, batches: [], epochs: [],
    validation: null, test: null, status: 'running', error: null, seconds: null, visible: true, ...patch,
  };
}

describe('trainingAnnouncement', () => {
  it('says nothing before a run and when idle', () => {
    expect(trainingAnnouncement('idle', null)).toBe('');
    expect(trainingAnnouncement('idle', run({ epochs: [epoch(1)], status: 'completed' }))).toBe('');
  });

  it('announces the start, then one sentence per epoch (batches change nothing)', () => {
    expect(trainingAnnouncement('starting', null)).toBe('Training is starting.');
    expect(trainingAnnouncement('running', run())).toBe('Training started: 5 epochs on wasm.');
    const one = run({ epochs: [epoch(1)], batches: [{ x: 0.5, loss: 2 }] });
    const text = trainingAnnouncement('running', one);
    expect(text).toBe('Epoch 1 of 5: validation balanced accuracy 34.7%, validation loss 1.23.');
    // More batches within the same epoch: the same text, so the live region stays quiet.
    expect(trainingAnnouncement('running', { ...one, batches: [...one.batches, { x: 0.9, loss: 1.8 }] })).toBe(text);
    expect(trainingAnnouncement('running', run({ epochs: [epoch(1), epoch(2, { balancedAccuracy: 0.5 })] }))).toMatch(/^Epoch 2 of 5: validation balanced accuracy 50\.0%/);
  });

  it('uses the mean Dice for segmentation and the training loss when there is no validation loss', () => {
    const seg = run({ kind: 'segmentation', epochs: [epoch(3, { balancedAccuracy: null, accuracy: null, meanDice: 0.5432, valLoss: null, trainLoss: 0.25 })] });
    expect(trainingAnnouncement('running', seg)).toBe('Epoch 3 of 5: validation mean Dice 0.54, training loss 0.25.');
  });

  it('announces the final result with the test split', () => {
    // Stored as engine/metrics keeps it (rows = true, columns = predicted): class a 3 of 3 right, class b's
    // one image taken for a. Sensitivities 1 and 0: balanced 50%; accuracy 3/4.
    const done = run({
      status: 'completed',
      epochs: [epoch(1), epoch(2)],
      test: { loss: 0.9, images: 4, metrics: { kind: 'classification', confusion: [[3, 0], [1, 0]] } },
    });
    expect(trainingAnnouncement('done', done)).toBe(
      'Training finished after 2 epochs: validation balanced accuracy 34.7%, validation loss 1.23. Test balanced accuracy 50.0%, accuracy 75.0%, on 4 images.',
    );
    expect(trainingAnnouncement('done', run({ status: 'stopped', epochs: [epoch(1)] }))).toBe(
      'Training stopped after 1 epoch: validation balanced accuracy 34.7%, validation loss 1.23.',
    );
  });

  it('announces a pause and a failure briefly (the error banner is an alert with the details)', () => {
    expect(trainingAnnouncement('paused', run({ epochs: [epoch(2)] }))).toBe('Training paused after epoch 2 of 5.');
    expect(trainingAnnouncement('error', run())).toBe('Training failed.');
  });
});
