'use client';

import { useEffect, useId, useState } from 'react';
import type { ParamSpec } from '@/graph/catalog/types';
import type { ParamValue } from '@/graph/types';
import { LockIcon } from '../workshop/LockIcon';

const inputClass =
  'w-full rounded-md border border-slate-200 bg-white px-2 py-1 text-sm text-slate-800 focus:border-indigo-400 focus:outline-none focus:ring-2 focus:ring-indigo-100';

/**
 * One inspector widget, generated from a catalog param spec: a number input with the spec's bounds and
 * step, a select for options, a switch for booleans. Changes apply immediately (validation then reports
 * values the spec does not allow, with a fix). The spec's doc shows while the field has focus.
 */
export function ParamField({
  name,
  spec,
  value,
  onChange,
  locked,
}: {
  name: string;
  spec: ParamSpec;
  value: ParamValue | undefined;
  onChange: (value: ParamValue) => void;
  /** Why the field cannot be changed (a lesson locks it); the widget is disabled and shows a lock. */
  locked?: string;
}) {
  const id = useId();
  const help = `${id}-help`;
  return (
    <div className="group" data-testid={`param-field-${name}`}>
      <div className="flex items-center justify-between gap-3">
        <label htmlFor={id} className="text-xs font-medium text-slate-600" title={locked ?? spec.doc}>
          {locked && <LockIcon className="mr-1 h-3 w-3 align-[-1px] text-slate-500" testId={`param-lock-${name}`} />}
          {spec.label}
        </label>
        {/* A disabled fieldset disables whichever widget is inside, so a lock needs no per-kind code. */}
        <fieldset className="w-32 shrink-0 disabled:opacity-60" disabled={locked !== undefined} title={locked}>
          {spec.kind === 'int' || spec.kind === 'float' ? (
            <NumberInput id={id} help={help} name={name} spec={spec} value={value} onChange={onChange} />
          ) : spec.kind === 'enum' ? (
            <select
              id={id}
              aria-describedby={help}
              className={inputClass}
              value={typeof value === 'string' ? value : spec.default}
              onChange={(e) => onChange(e.target.value)}
              data-testid={`param-${name}`}
            >
              {spec.options.map((o) => (
                <option key={o} value={o}>
                  {o}
                </option>
              ))}
            </select>
          ) : (
            <button
              id={id}
              type="button"
              role="switch"
              aria-checked={value === true}
              aria-describedby={help}
              onClick={() => onChange(value !== true)}
              className={`relative ml-auto block h-5 w-9 rounded-full transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 ${value === true ? 'bg-indigo-600' : 'bg-slate-300'}`}
              data-testid={`param-${name}`}
            >
              <span className={`absolute top-0.5 left-0.5 h-4 w-4 rounded-full bg-white shadow transition-transform ${value === true ? 'translate-x-4' : ''}`} />
            </button>
          )}
        </fieldset>
      </div>
      <p id={help} className="mt-1 hidden text-[11px] leading-snug text-slate-500 group-focus-within:block">
        {spec.doc}
      </p>
    </div>
  );
}

/**
 * A number input that keeps what the user is typing (an empty box, "1" on the way to "15") and applies
 * each finite number as it is typed; leaving the box restores the stored value if the text is not a number.
 */
function NumberInput({
  id,
  help,
  name,
  spec,
  value,
  onChange,
}: {
  id: string;
  help: string;
  name: string;
  spec: Extract<ParamSpec, { kind: 'int' | 'float' }>;
  value: ParamValue | undefined;
  onChange: (value: ParamValue) => void;
}) {
  const stored = typeof value === 'number' ? String(value) : '';
  const [draft, setDraft] = useState(stored);
  useEffect(() => setDraft(stored), [stored]);
  return (
    <input
      id={id}
      type="number"
      inputMode={spec.kind === 'int' ? 'numeric' : 'decimal'}
      min={spec.min}
      max={spec.max}
      step={spec.step ?? (spec.kind === 'int' ? 1 : 'any')}
      aria-describedby={help}
      className={`${inputClass} text-right font-mono`}
      value={draft}
      onChange={(e) => {
        setDraft(e.target.value);
        const n = e.target.valueAsNumber;
        if (e.target.value.trim() !== '' && Number.isFinite(n)) onChange(n);
      }}
      onBlur={() => setDraft(stored)}
      data-testid={`param-${name}`}
    />
  );
}
