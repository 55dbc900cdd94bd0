'use client';

import { useState } from 'react';
import { catalogueEntry } from '@/engine/datasets/catalogue';
import { Card, Segmented } from './controls';
import { isMedicalTask, MEDICAL_CONTENT, MEDICAL_TASKS, type MedicalContent, type MedicalTaskId } from './medicalContent';

/** Props: the task to explain first (any id; the random test tasks and imports fall back to skin lesions, with a note). */
export interface MedicalContextProps {
  taskId?: string;
}

const TAG_TONES = {
  danger: 'bg-rose-50 text-rose-700 ring-1 ring-rose-200',
  warning: 'bg-amber-50 text-amber-800 ring-1 ring-amber-200',
  calm: 'bg-emerald-50 text-emerald-700 ring-1 ring-emerald-200',
} as const;

const pct = (v: number, digits = 1) => `${(100 * v).toFixed(digits)}%`;

/**
 * The medical context of a task: its question, classes (with their share of the real dataset), the imaging
 * modality, which metric matters and why, and where the bundled (generated) images come from.
 */
export function MedicalContext({ taskId }: MedicalContextProps) {
  const [task, setTask] = useState<MedicalTaskId>(isMedicalTask(taskId) ? taskId : 'skin-lesions');
  const content: MedicalContent = MEDICAL_CONTENT[task];
  const entry = catalogueEntry(task);
  const total = entry ? entry.frequencies.reduce((a, b) => a + b, 0) : 0;
  return (
    <div className="flex flex-col gap-4" data-testid="medical-context">
      <div className="flex flex-wrap items-end gap-4">
        <Segmented label="Task" value={task} options={MEDICAL_TASKS.map((id) => ({ value: id, label: MEDICAL_CONTENT[id].short }))} onChange={setTask} testId="medical-tab" />
        {taskId && !isMedicalTask(taskId) ? (
          <p className="text-sm text-slate-500">Your current task is test data with no medical counterpart; here are the medical ones.</p>
        ) : null}
      </div>
      <Card>
        <h3 className="text-base font-semibold text-slate-900">{entry?.title ?? content.short}</h3>
        <p className="mt-1 text-sm text-slate-600">{content.question}</p>
        {entry ? (
          <ul className="mt-4 grid gap-2 md:grid-cols-2" data-testid="medical-classes">
            {entry.classes.map((c, i) => {
              const share = total > 0 ? entry.frequencies[i] / total : 0;
              return (
                <li key={c.name} className="rounded-lg border border-slate-200 p-3">
                  <div className="flex items-baseline gap-2">
                    <code className="rounded bg-slate-100 px-1.5 py-0.5 text-xs font-semibold text-slate-700">{c.name}</code>
                    <span className="text-sm font-medium text-slate-900">{c.fullName}</span>
                    {content.tags[c.name] ? (
                      <span className={`ml-auto shrink-0 rounded-full px-2 py-0.5 text-[11px] font-medium ${TAG_TONES[content.tags[c.name].tone]}`}>
                        {content.tags[c.name].text}
                      </span>
                    ) : null}
                  </div>
                  <p className="mt-1 text-sm leading-relaxed text-slate-600">{c.description}</p>
                  {entry.kind === 'classification' ? (
                    <div className="mt-2 flex items-center gap-2 text-xs text-slate-500" title={`Share of ${entry.frequencySource}`}>
                      <span className="h-1.5 flex-1 overflow-hidden rounded-full bg-slate-100">
                        <span className="block h-full rounded-full bg-indigo-400" style={{ width: pct(share) }} />
                      </span>
                      <span className="text-right whitespace-nowrap tabular-nums">{pct(share)} of the real images</span>
                    </div>
                  ) : null}
                </li>
              );
            })}
          </ul>
        ) : null}
      </Card>
      <div className="grid items-start gap-4 lg:grid-cols-2">
        <Card title={`Image modality: ${content.modality.name}`}>
          {content.modality.paragraphs.map((p) => (
            <p key={p} className="mb-2 text-sm leading-relaxed text-slate-600 last:mb-0">
              {p}
            </p>
          ))}
        </Card>
        <Card title={content.metric.title} testId="medical-metric">
          {content.metric.paragraphs.map((p) => (
            <p key={p} className="mb-2 text-sm leading-relaxed text-slate-600 last:mb-0">
              {p}
            </p>
          ))}
          {entry && entry.kind === 'classification' ? <BaselineNote classes={entry.classes.map((c) => c.name)} counts={entry.frequencies} source={entry.frequencySource} /> : <DiceExample />}
        </Card>
      </div>
      {entry && entry.realData.length > 0 ? (
        <Card title="About the images in Convas" testId="medical-notice">
          <p className="rounded-md bg-amber-50 p-3 text-sm leading-relaxed text-amber-900">{entry.notice}</p>
          <ul className="mt-3 space-y-2 text-sm leading-relaxed text-slate-600">
            {entry.realData.map((d) => (
              <li key={d.name}>
                <strong className="text-slate-800">{d.name}.</strong> {d.citation} <span className="text-slate-500">Licence: {d.licence}</span>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </div>
  );
}

/** The majority-class baseline of a classification task, computed from the real class counts. */
function BaselineNote({ classes, counts, source }: { classes: readonly string[]; counts: readonly number[]; source: string }) {
  const total = counts.reduce((a, b) => a + b, 0);
  const top = counts.indexOf(Math.max(...counts));
  const share = total > 0 ? counts[top] / total : 0;
  return (
    <p className="mt-3 rounded-md bg-indigo-50 p-3 text-sm leading-relaxed text-indigo-950" data-testid="medical-baseline">
      In {source}, {pct(share, 0)} of the images are <code>{classes[top]}</code>. A model that always answers{' '}
      <code>{classes[top]}</code> is {pct(share, 0)} accurate and finds none of the others; its balanced accuracy (the
      mean sensitivity over the {classes.length} classes) is {pct(1 / classes.length, 0)}. Compare every model with
      that baseline.
    </p>
  );
}

/** A worked example on a 64x64 slice: all-background vs a fair outline, pixel accuracy vs Dice. */
function DiceExample() {
  const pixels = 64 * 64;
  const tumour = 120;
  const rows = [
    { name: 'Everything background', hit: 0, extra: 0 },
    { name: 'A fair outline', hit: 100, extra: 40 },
  ].map((r) => {
    const predicted = r.hit + r.extra;
    const wrong = tumour - r.hit + r.extra;
    return { ...r, accuracy: (pixels - wrong) / pixels, dice: (2 * r.hit) / (tumour + predicted) };
  });
  return (
    <div className="mt-3 rounded-md bg-indigo-50 p-3 text-sm text-indigo-950" data-testid="medical-dice-example">
      <p className="mb-2">
        A 64x64 slice ({pixels} pixels) with a {tumour}-pixel tumour ({pct(tumour / pixels)}):
      </p>
      <table className="w-full text-left tabular-nums">
        <thead className="text-xs text-indigo-800">
          <tr>
            <th className="py-1 font-medium">Prediction</th>
            <th className="py-1 font-medium">Pixel accuracy</th>
            <th className="py-1 font-medium">Dice</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.name} className="border-t border-indigo-100">
              <td className="py-1">{r.name}</td>
              <td className="py-1">{pct(r.accuracy)}</td>
              <td className="py-1 font-semibold">{r.dice.toFixed(2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
