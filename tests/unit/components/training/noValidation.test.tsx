import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Curves } from '@/components/training/Curves';
import { noValidationText } from '@/components/training/noValidation';
import { GENERATED_DATASET, type EpochPoint, type RunRecord } from '@/components/store/training/runs';
import { buildFirstCnn } from '@/graph/templates/firstCnn';

const doc = buildFirstCnn();

function epoch(n: number, meanDice: number | null): EpochPoint {
  return {
    epoch: n, trainLoss: 0.5, valLoss: meanDice === null ? null : 0.4, accuracy: null, balancedAccuracy: null, baselineAccuracy: null,
    meanDice, dicePerClass: null, trainAccuracy: null, imagesPerSecond: 100, seconds: 1,
  };
}

/** A finished segmentation run of 2 epochs on a split of `validation` validation images. */
function run(validation: number): RunRecord {
  return {
    id: 'r1', number: 1, name: 'Small U-Net', startedAt: 0, taskId: 'brain-mri-segment', dataset: GENERATED_DATASET, lesson: null, kind: 'segmentation',
    classNames: ['background', 'tumour'], settings: { ...doc.training, epochs: 2 }, doc, backend: 'wasm', params: 10,
    splits: { train: 73, validation, test: 24 }, batchesPerEpoch: 2, batches: [{ x: 0.5, loss: 1 }, { x: 1, loss: 0.8 }],
    epochs: validation ? [epoch(1, 0.2), epoch(2, 0.3)] : [epoch(1, null), epoch(2, null)],
    validation: null, test: null, status: 'completed', error: null, seconds: 5, visible: true,
  };
}

describe('a run whose split left no validation images', () => {
  it('says so, with the split, instead of "after the first epoch"', () => {
    const text = noValidationText(run(0), 'Dice per class');
    expect(text).toBe(
      'This run has no validation images (73 train · 0 validation · 24 test), so no Dice per class. The Test tab has the test split\'s figures. ' +
        'More images, or validation and test merged where the notice above offers it, give the next run a validation split.',
    );
    expect(noValidationText({ ...run(0), status: 'running' }, 'Dice per class')).toContain('The Test tab shows the test split once training ends.');
    expect(noValidationText({ splits: { train: 5, validation: 0, test: 0 }, status: 'completed' }, 'confusion matrix')).not.toContain('Test tab');
  });

  it('is silent with validation images, before the split is known, and without a run', () => {
    expect(noValidationText(run(12), 'Dice per class')).toBeNull();
    expect(noValidationText({ splits: null, status: 'running' }, 'Dice per class')).toBeNull();
    expect(noValidationText(null, 'Dice per class')).toBeNull();
  });

  it('the Dice chart shows the reason in place of an empty plot, and plots the epochs when there is validation', () => {
    const render = (r: RunRecord) => renderToStaticMarkup(<Curves runs={[r]} currentId={r.id} kind="segmentation" smoothing={0.6} onSmoothingChange={() => undefined} />);
    const empty = render(run(0));
    expect(empty).toMatch(/data-testid="dice-chart" data-points="0"/);
    expect(empty).toContain('This run has no validation images (73 train · 0 validation · 24 test), so no Dice curve.');
    expect(empty).not.toContain('validation loss'); // no key for a line that cannot be drawn
    const plotted = render(run(12));
    expect(plotted).toMatch(/data-testid="dice-chart" data-points="2"/);
    expect(plotted).not.toContain('no validation images');
    expect(plotted).toContain('validation loss');
  });
});
