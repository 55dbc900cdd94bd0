'use client';

import type { ReactNode } from 'react';

/**
 * The small controls the explorers share: a labelled slider with its value, a segmented choice and a
 * card. Self-contained Tailwind (no shared CSS classes), so the explorers look the same on /learn and in
 * the editor's dialog.
 */

/** Button look shared by the explorers. `primary` is the one main action of a row. */
export function buttonClass(primary = false): string {
  const base =
    'inline-flex items-center gap-1.5 rounded-md px-3 py-1.5 text-sm font-medium shadow-sm ring-1 transition-colors ' +
    'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 disabled:opacity-40';
  return primary
    ? `${base} bg-indigo-600 text-white ring-indigo-600 hover:bg-indigo-500`
    : `${base} bg-white text-slate-700 ring-slate-300 hover:bg-slate-50`;
}

/** An integer slider with its label and current value; `hint` explains the control in one line. */
export function NumberSlider(props: {
  label: string;
  value: number;
  min: number;
  max: number;
  onChange: (v: number) => void;
  disabled?: boolean;
  hint?: string;
  testId?: string;
  /** How the value is shown (default: as is), e.g. tenths as a decimal. */
  display?: (v: number) => string;
}) {
  const { label, value, min, max, onChange, disabled, hint, testId, display } = props;
  return (
    <label className={`flex min-w-32 flex-col gap-1 ${disabled ? 'opacity-45' : ''}`} title={hint}>
      <span className="flex items-baseline justify-between text-xs font-medium text-slate-600">
        {label}
        <span className="font-mono text-sm font-semibold text-slate-900 tabular-nums">{display ? display(value) : value}</span>
      </span>
      <input
        type="range"
        min={min}
        max={max}
        step={1}
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(Number(e.target.value))}
        className="h-1.5 w-full cursor-pointer accent-indigo-600"
        aria-label={label}
        data-testid={testId}
      />
    </label>
  );
}

/** A row of mutually exclusive buttons (radio semantics). */
export function Segmented<T extends string>(props: {
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange: (v: T) => void;
  testId?: string;
}) {
  const { label, value, options, onChange, testId } = props;
  return (
    <div className="flex flex-col gap-1">
      <span className="text-xs font-medium text-slate-600">{label}</span>
      <div role="radiogroup" aria-label={label} className="inline-flex rounded-lg bg-slate-100 p-0.5" data-testid={testId}>
        {options.map((o) => (
          <button
            key={o.value}
            type="button"
            role="radio"
            aria-checked={o.value === value}
            onClick={() => onChange(o.value)}
            data-testid={testId ? `${testId}-${o.value}` : undefined}
            className={
              'rounded-md px-2.5 py-1 text-sm font-medium transition-colors focus-visible:outline-2 focus-visible:outline-indigo-500 ' +
              (o.value === value ? 'bg-white text-indigo-700 shadow-sm' : 'text-slate-600 hover:text-slate-900')
            }
          >
            {o.label}
          </button>
        ))}
      </div>
    </div>
  );
}

/** A titled white card; explorers are built from a few of these. */
export function Card(props: { title?: ReactNode; children: ReactNode; className?: string; testId?: string }) {
  return (
    <section className={`rounded-xl border border-slate-200 bg-white p-4 shadow-sm ${props.className ?? ''}`} data-testid={props.testId}>
      {props.title ? <h3 className="mb-2 text-sm font-semibold text-slate-800">{props.title}</h3> : null}
      {props.children}
    </section>
  );
}

/** Format a cell value: integers as they are, fractions with up to two decimals (average pooling). */
export function formatCell(v: number): string {
  if (Number.isInteger(v)) return String(v);
  return v.toFixed(2).replace(/0+$/, '').replace(/\.$/, '');
}
