import { GENERATED_DATASET, type RunRecord } from '@/components/store/training/runs';
import { runResult } from '@/components/workshop/results';
import { buildFirstCnnLesson } from '@/graph/lessons/firstCnn';
import { resultToJson } from '@/graph/results';

/**
 * A participant's result as their browser would send it: First CNN trained `balanced.length` epochs in the
 * first-CNN lesson, balanced accuracy per epoch as given, for class `classCode`.
 */
export function sampleResult(n: number, options: { classCode?: string; nickname?: string; balanced?: number[]; learningRate?: number } = {}): Record<string, unknown> {
  const lesson = { ...buildFirstCnnLesson(), classCode: options.classCode ?? 'ward-3' };
  const doc = { ...lesson.document, training: { ...lesson.document.training, learningRate: options.learningRate ?? 0.001 } };
  const balanced = options.balanced ?? [0.3, 0.5 + (n % 10) / 50];
  const run: RunRecord = {
    id: `run-${n}`,
    number: 1,
    name: 'First CNN',
    startedAt: 1_700_000_000_000 + n,
    taskId: doc.task.id,
    dataset: GENERATED_DATASET,
    lesson: lesson.title,
    kind: 'classification',
    classNames: ['a', 'b'],
    settings: doc.training,
    doc,
    backend: 'wasm',
    params: 12_345,
    splits: null,
    batchesPerEpoch: 3,
    batches: [],
    epochs: balanced.map((b, i) => ({
      epoch: i + 1,
      trainLoss: 1.5 - i * 0.1,
      valLoss: 1.6 - i * 0.1,
      accuracy: b + 0.05,
      balancedAccuracy: b,
      baselineAccuracy: 0.6,
      meanDice: null,
      dicePerClass: null,
      trainAccuracy: null,
      imagesPerSecond: 100,
      seconds: 1,
    })),
    validation: { loss: 1, images: 10, metrics: { kind: 'classification', confusion: [[4, 1], [2, 3]] } },
    test: null,
    status: 'completed',
    error: null,
    seconds: 3,
    visible: true,
  };
  const result = runResult(doc, run, lesson, {
    participant: { id: `p${n.toString().padStart(4, '0')}`, nickname: options.nickname ?? `Student ${n}` },
    classCode: lesson.classCode,
    now: new Date(1_700_000_000_000 + n * 1000),
  });
  return resultToJson(result);
}
