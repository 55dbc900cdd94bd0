import { describe, expect, it } from 'vitest';
import { csvField, epochsCsv, passCsv, runCsv, runFileStem, runJson, toCsv } from '@/components/training/exportData';
import { GENERATED_DATASET, type RunRecord } from '@/components/store/training/runs';
import { buildFirstCnn } from '@/graph/templates/firstCnn';
import { CASE3 } from './cases';

function run(): RunRecord {
  const doc = buildFirstCnn();
  return {
    id: 'r1', number: 3, name: 'lr 0.001 -> 0.01', startedAt: Date.UTC(2026, 0, 2), taskId: 'random-classify', dataset: GENERATED_DATASET, lesson: null, kind: 'classification',
    classNames: CASE3.names, settings: doc.training, doc, backend: 'wasm', params: 10, splits: { train: 40, validation: 14, test: 14 },
    batchesPerEpoch: 2, batches: [],
    epochs: [{ epoch: 1, trainLoss: 1.1, valLoss: null, accuracy: 0.714, balancedAccuracy: 0.6875, baselineAccuracy: 0.571, meanDice: null, dicePerClass: null, trainAccuracy: 0.5, imagesPerSecond: 20, seconds: 3 }],
    validation: { loss: 0.9, images: 14, metrics: { kind: 'classification', confusion: CASE3.m } },
    test: { loss: 0.8, images: 2, metrics: { kind: 'segmentation', dicePerClass: [null, 0.5], meanDice: 0.5, counted: [0, 2], pixelAccuracy: 0.9 } },
    status: 'completed', error: null, seconds: 10, visible: true,
  };
}

describe('CSV', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    [Number.NaN, ''],
    [null, ''],
    [0.5, '0.5'],
  ])('field %s -> %s', (v, text) => expect(csvField(v)).toBe(text));

  it('ends lines with CRLF', () => {
    expect(toCsv([['a', 1], ['b', null]])).toBe('a,1\r\nb,\r\n');
  });

  it('writes one row per epoch with empty fields for undefined figures', () => {
    const lines = epochsCsv(run()).trim().split('\r\n');
    expect(lines[0]).toBe('epoch,train_loss,val_loss,val_accuracy,val_balanced_accuracy,val_majority_baseline,val_mean_dice,train_accuracy,images_per_second,seconds');
    expect(lines[1]).toBe('1,1.1,,0.714,0.6875,0.571,,0.5,20,3');
  });

  it('writes per-class classification figures and the overall ones (3x3 case)', () => {
    const lines = passCsv(run().validation!, CASE3.names).trim().split('\r\n');
    expect(lines[0]).toBe('class,tp,fp,fn,tn,sensitivity,specificity,precision,npv,accuracy,f1,support');
    expect(lines[2]).toBe('b,3,1,3,7,0.5,0.875,0.75,0.7,0.7142857142857143,0.6,6');
    expect(lines[3].startsWith('c,0,1,0,13,,')).toBe(true); // no support: sensitivity empty
    expect(lines).toContain('balanced accuracy,0.6875');
    expect(lines).toContain('majority baseline (always a),0.5714285714285714');
  });

  it('writes Dice per class for segmentation', () => {
    const lines = passCsv(run().test!, ['background', 'tumour']).trim().split('\r\n');
    expect(lines).toEqual(['class,dice,images_counted', 'background,,0', 'tumour,0.5,2', 'mean (foreground),0.5,', 'pixel accuracy,0.9,']);
  });
});

describe('JSON', () => {
  it('holds settings, curves and reports with null for undefined ratios', () => {
    const j = JSON.parse(runJson(run()));
    expect(j.format).toBe('convas-training-run');
    expect(j.startedAt).toBe('2026-01-02T00:00:00.000Z');
    expect(j.validation.confusionRowsTrue).toEqual(CASE3.m);
    expect(j.validation.report.perClass[2].sensitivity).toBeNull();
    expect(j.validation.report.balancedAccuracy).toBe(0.6875);
    expect(j.test.meanDice).toBe(0.5);
    expect(j.settings.learningRate).toBe(0.001);
  });

  it('makes file names from run names', () => {
    expect(runFileStem({ number: 3, name: 'lr 0.001 -> 0.01' })).toBe('run-3-lr-0.001-0.01');
    expect(runFileStem({ number: 1, name: '+ Conv2D conv2d_2' })).toBe('run-1-conv2d-conv2d-2');
  });
});

describe('runCsv', () => {
  it('puts epochs, validation and test in titled sections', () => {
    const text = runCsv(run());
    const titles = text.split('\r\n').filter((l) => l.startsWith('#'));
    expect(titles).toEqual(['# lr 0.001 -> 0.01 (run 3, random-classify, completed)', '# epochs', '# validation (last epoch)', '# test (evaluated once, after training)']);
    expect(text).toContain('\r\n\r\n# validation');
  });
});
