'use client';

import { useEffect, useId, useState, type ReactNode } from 'react';
import type { BackendName, TrainingSettings } from '@/graph/types';
import { LessonControl } from '../workshop/LessonLocks';
import { formatSetting } from '../format';
import type { BackendInfo } from '../store/training/types';
import { DATA_SIZES, fieldVisible, LEARNING_RATE_PRESETS, NUMBER_FIELDS, parseSetting, type NumberFieldSpec } from './settingsFields';

export interface SettingsPanelProps {
  settings: TrainingSettings;
  kind: 'classification' | 'segmentation';
  onChange: (patch: Partial<TrainingSettings>) => void;
  /** Generated images per run (bundled tasks); null for imported data (its size is what it is). */
  dataSize: number | null;
  onDataSizeChange?: (n: number) => void;
  backend: BackendInfo | null;
  /** While a run is going: fields stay editable but apply to the next run. */
  running: boolean;
}

const BACKENDS: ('auto' | BackendName)[] = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'];

function Row({ label, hint, children, htmlFor }: { label: string; hint: string; children: ReactNode; htmlFor?: string }) {
  return (
    <div className="flex items-center justify-between gap-2 py-0.5" title={hint}>
      <label htmlFor={htmlFor} className="shrink-0 text-xs text-slate-600">
        {label}
      </label>
      <div className="flex min-w-0 items-center gap-1">{children}</div>
    </div>
  );
}

/** A number input that commits valid values on blur or Enter and says what is allowed otherwise. */
function NumberField({ spec, value, onCommit, children }: { spec: NumberFieldSpec; value: number; onCommit: (v: number) => void; children?: ReactNode }) {
  // `children` (e.g. preset buttons) go on a line of their own under the input.
  const id = useId();
  const [text, setText] = useState(formatSetting(value));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setText(formatSetting(value));
    setError(null);
  }, [value]);
  const commit = () => {
    const r = parseSetting(spec, text);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setError(null);
    if (r.value !== value) onCommit(r.value);
  };
  return (
    <div>
      <Row label={spec.label} hint={spec.hint} htmlFor={id}>
        <input
          id={id}
          inputMode={spec.integer ? 'numeric' : 'decimal'}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit();
            if (e.key === 'Escape') {
              setText(formatSetting(value));
              setError(null);
            }
          }}
          aria-invalid={error !== null}
          className={`min-h-6 w-20 rounded border px-1.5 py-0.5 text-right font-mono text-xs tabular-nums focus:outline-none focus:ring-2 ${error ? 'border-red-400 focus:ring-red-300' : 'border-slate-300 focus:border-indigo-500 focus:ring-indigo-500/60'}`}
          data-testid={`setting-${spec.key}`}
        />
      </Row>
      {children && <div className="-mt-0.5 mb-0.5 flex justify-end gap-0.5">{children}</div>}
      {error && (
        <p className="text-right text-[11px] text-red-600" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function Toggle({ label, hint, checked, onChange, testId }: { label: string; hint: string; checked: boolean; onChange: (v: boolean) => void; testId: string }) {
  return (
    <label className="flex min-h-7 cursor-pointer items-center justify-between gap-2 text-xs text-slate-600" title={hint}>
      {label}
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} className="h-4 w-4 accent-indigo-600" data-testid={testId} />
    </label>
  );
}

/**
 * Training settings: epochs, batch size, learning rate, optimiser (momentum for SGD), class weights,
 * augmentation, validation share, seed, backend (auto with its reason, or an override) and, for bundled
 * tasks, how many images to generate. Values live in the graph document, so they save with the graph.
 */
export function SettingsPanel({ settings, kind, onChange, dataSize, onDataSizeChange, backend, running }: SettingsPanelProps) {
  const s = settings;
  // Each setting sits in a LessonControl: a lesson can hide it or lock it (backend and data size stay free,
  // since they depend on the participant's machine).
  const num = (key: NumberFieldSpec['key'], extra?: ReactNode) => (
    <LessonControl field={key}>
      <NumberField spec={NUMBER_FIELDS[key]} value={s[key]} onCommit={(v) => onChange({ [key]: v })}>
        {extra}
      </NumberField>
    </LessonControl>
  );
  /** A setting chosen from a list (optimiser, schedule, loss, Dice form), in its LessonControl. */
  const choice = <K extends 'optimizer' | 'segmentationLoss' | 'diceMode' | 'schedule'>(
    key: K,
    label: string,
    hint: string,
    options: readonly (readonly [TrainingSettings[K], string])[],
    ariaLabel = label,
  ) => (
    <LessonControl field={key}>
      <Row label={label} hint={hint}>
        <select
          value={s[key]}
          onChange={(e) => onChange({ [key]: e.target.value as TrainingSettings[K] })}
          className="rounded border border-slate-300 bg-white px-1 py-0.5 text-xs"
          aria-label={ariaLabel}
          data-testid={`setting-${key}`}
        >
          {options.map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      </Row>
    </LessonControl>
  );
  return (
    <div className="@container" data-testid="training-settings">
      <div className="grid grid-cols-1 gap-x-6 @md:grid-cols-2">
        <div>
          <h3 className="mb-1 text-[11px] font-semibold tracking-wide text-slate-500 uppercase">Optimisation</h3>
          {num('epochs')}
          {num('batchSize')}
          {num(
            'learningRate',
            LEARNING_RATE_PRESETS.map((lr) => (
              <button
                key={lr}
                type="button"
                onClick={() => onChange({ learningRate: lr })}
                className={`min-h-6 min-w-6 rounded px-1 font-mono text-[10px] ${s.learningRate === lr ? 'bg-indigo-100 text-indigo-700' : 'text-slate-600 hover:bg-slate-100'}`}
                title={`Set the learning rate to ${formatSetting(lr)}`}
              >
                {formatSetting(lr)}
              </button>
            )),
          )}
          {choice('optimizer', 'Optimiser', "Adam adapts each weight's step size and is the safe default; SGD with momentum is the classic.", [
            ['adam', 'Adam'],
            ['sgd', 'SGD'],
          ])}
          {choice(
            'schedule',
            'Schedule',
            'Warm-up + cosine: the learning rate climbs over the first epoch, then glides down to almost 0 by the last step, so the final weights settle instead of jumping around. Constant: the learning rate throughout.',
            [
              ['cosine', 'warm-up + cosine'],
              ['constant', 'constant'],
            ],
            'Learning-rate schedule',
          )}
          {fieldVisible('momentum', s, kind) && num('momentum')}
          {fieldVisible('segmentationLoss', s, kind) &&
            choice(
              'segmentationLoss',
              'Loss',
              'Binary cross-entropy per pixel, soft Dice (robust to small tumours), or both.',
              [
                ['bce+dice', 'BCE + Dice'],
                ['bce', 'BCE'],
                ['dice', 'Dice'],
              ],
              'Segmentation loss',
            )}
          {fieldVisible('diceMode', s, kind) &&
            choice(
              'diceMode',
              'Dice over',
              'The batch: one Dice for all images of a batch together (never rewards predicting nothing). Each image: a Dice per image, leaving out images without a tumour.',
              [
                ['batch', 'the batch'],
                ['image', 'each image'],
              ],
            )}
        </div>
        <div>
          <h3 className="mb-1 text-[11px] font-semibold tracking-wide text-slate-500 uppercase">Data</h3>
          {dataSize !== null && (
            <Row label="Images" hint="How many images to generate for the run (split into train, validation and test). Fewer train faster.">
              <select
                value={dataSize}
                onChange={(e) => onDataSizeChange?.(Number(e.target.value))}
                className="rounded border border-slate-300 bg-white px-1 py-0.5 text-xs"
                aria-label="Images to generate"
                data-testid="setting-dataSize"
              >
                {[...new Set([...DATA_SIZES, dataSize])]
                  .sort((a, b) => a - b)
                  .map((n) => (
                    <option key={n} value={n}>
                      {n}
                    </option>
                  ))}
              </select>
            </Row>
          )}
          {num('validationFraction')}
          {fieldVisible('classWeights', s, kind) && (
            <LessonControl field="classWeights">
            <Toggle
              label="Class weights"
              hint="Weight the loss by inverse class frequency, so rare classes (df, vasc) count as much as nv."
              checked={s.classWeights}
              onChange={(v) => onChange({ classWeights: v })}
              testId="setting-classWeights"
            />
            </LessonControl>
          )}
          <LessonControl field="augment">
          <Toggle
            label="Augmentation"
            hint="Random flips, rotations, zoom and brightness on training batches: more variety, less overfitting."
            checked={s.augment}
            onChange={(v) => onChange({ augment: v })}
            testId="setting-augment"
          />
          </LessonControl>
          {num('seed')}
          <Row label="Backend" hint="Where the maths runs. Auto picks the fastest that works here.">
            <select
              value={s.backend}
              onChange={(e) => onChange({ backend: e.target.value as TrainingSettings['backend'] })}
              className="rounded border border-slate-300 bg-white px-1 py-0.5 text-xs"
              aria-label="Backend"
              data-testid="setting-backend"
            >
              {BACKENDS.map((b) => (
                <option key={b} value={b}>
                  {b === 'auto' ? 'Auto' : b}
                </option>
              ))}
            </select>
          </Row>
          {backend && (
            <p className="mt-0.5 text-[11px] leading-snug text-slate-500" data-testid="backend-reason">
              Using <span className="font-mono font-medium text-slate-700">{backend.name}</span>: {backend.reason}
            </p>
          )}
        </div>
        {running && <p className="col-span-full mt-1 text-[11px] text-amber-700">Changes apply to the next run.</p>}
      </div>
    </div>
  );
}
