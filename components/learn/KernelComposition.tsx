'use client';

import { useMemo, useState } from 'react';
import { composeKernels, correlateValid, sampleInput, type Grid } from '@/graph/learn';
import { Card, formatCell } from './controls';

const SOBEL_X: Grid = [
  [1, 0, -1],
  [2, 0, -2],
  [1, 0, -1],
];
const CROSS: Grid = [
  [0, 1, 0],
  [1, 1, 1],
  [0, 1, 0],
];
const CYCLE = [-2, -1, 0, 1, 2];

/** A 7x7 input with negative and positive values, so that a ReLU between the layers changes something. */
const INPUT: Grid = sampleInput(7).map((row) => row.map((v) => v - 1));

const relu = (g: Grid) => g.map((row) => row.map((v) => Math.max(0, v)));
const same = (a: Grid, b: Grid) => a.length === b.length && a.every((row, r) => row.every((v, c) => v === b[r][c]));

/**
 * Why an activation is needed between convolutions: two 3x3 kernels applied one after the other equal one
 * 5x5 kernel (their composition), checked on a 7x7 input; with a ReLU in between they no longer do.
 * Kernel cells are buttons that cycle through -2..2.
 */
export function KernelComposition() {
  const [k1, setK1] = useState<Grid>(SOBEL_X);
  const [k2, setK2] = useState<Grid>(CROSS);
  const composed = useMemo(() => composeKernels(k1, k2), [k1, k2]);
  const stacked = correlateValid(correlateValid(INPUT, k1), k2);
  const single = correlateValid(INPUT, composed);
  const withRelu = correlateValid(relu(correlateValid(INPUT, k1)), k2);
  const equal = same(stacked, single);
  const reluDiffers = !same(withRelu, stacked);
  const cycle = (k: Grid, set: (g: Grid) => void, r: number, c: number) =>
    set(k.map((row, i) => row.map((v, j) => (i === r && j === c ? CYCLE[(CYCLE.indexOf(v) + 1) % CYCLE.length] ?? 0 : v))));

  return (
    <Card title="Why an activation between convolutions?" testId="kernel-composition">
      <p className="max-w-3xl text-sm leading-relaxed text-slate-600">
        A convolution only multiplies and adds. Doing it twice still only multiplies and adds, so two 3x3
        convolutions in a row are exactly one 5x5 convolution, whose kernel is the two kernels combined. Without a
        non-linearity between them, extra layers add weights but no new abilities. Click a kernel cell to change it.
      </p>
      <div className="mt-4 flex flex-wrap items-center gap-4">
        <MiniGrid grid={k1} label="Kernel 1 (3x3)" testId="compose-k1" tone="indigo" onCell={(r, c) => cycle(k1, setK1, r, c)} />
        <span className="text-xl text-slate-500" aria-hidden>
          then
        </span>
        <MiniGrid grid={k2} label="Kernel 2 (3x3)" testId="compose-k2" tone="indigo" onCell={(r, c) => cycle(k2, setK2, r, c)} />
        <span className="text-2xl text-slate-500" aria-hidden>
          =
        </span>
        <MiniGrid grid={composed} label="One 5x5 kernel" testId="compose-k" tone="violet" />
      </div>
      <div className="mt-5 flex flex-wrap items-start gap-6 border-t border-slate-100 pt-4">
        <MiniGrid grid={INPUT} label="Input 7x7" testId="compose-input" tone="slate" small />
        <MiniGrid grid={stacked} label="Kernel 1, then kernel 2" testId="compose-stacked" tone="emerald" />
        <MiniGrid grid={single} label="The 5x5 kernel alone" testId="compose-single" tone="emerald" />
        <MiniGrid grid={withRelu} label="Kernel 1, ReLU, kernel 2" testId="compose-relu" tone={reluDiffers ? 'amber' : 'emerald'} />
      </div>
      <p className="mt-3 text-sm text-slate-700" data-testid="compose-verdict">
        {equal ? (
          <>
            <strong className="text-emerald-700">Identical</strong>: two stacked convolutions are one convolution.{' '}
          </>
        ) : (
          <strong className="text-rose-700">Different (this should never happen). </strong>
        )}
        {reluDiffers
          ? 'With a ReLU in between the result changes, and no single kernel can reproduce it: that is what the activation adds.'
          : 'With these kernels the ReLU happens to change nothing (every value after kernel 1 is positive); try a negative weight.'}
      </p>
    </Card>
  );
}

const TONES = {
  indigo: 'border-indigo-300 bg-indigo-50 text-indigo-800',
  violet: 'border-violet-300 bg-violet-50 text-violet-900',
  emerald: 'border-emerald-300 bg-emerald-50 text-emerald-900',
  amber: 'border-amber-300 bg-amber-50 text-amber-900',
  slate: 'border-slate-200 bg-slate-100 text-slate-700',
} as const;

function MiniGrid(props: { grid: Grid; label: string; testId: string; tone: keyof typeof TONES; onCell?: (r: number, c: number) => void; small?: boolean }) {
  const { grid, label, testId, tone, onCell, small } = props;
  const px = small ? 24 : 32;
  return (
    <figure className="flex flex-col gap-1.5">
      <figcaption className="text-xs font-medium text-slate-500">{label}</figcaption>
      <div className="grid gap-[2px]" style={{ gridTemplateColumns: `repeat(${grid[0]?.length ?? 0}, ${px}px)` }} data-testid={testId}>
        {grid.flatMap((row, r) =>
          row.map((v, c) => {
            const className = `flex items-center justify-center rounded border font-mono tabular-nums ${small ? 'text-[11px]' : 'text-xs'} ${TONES[tone]}`;
            return onCell ? (
              <button
                key={`${r},${c}`}
                type="button"
                className={`${className} cursor-pointer font-semibold hover:ring-2 hover:ring-indigo-300`}
                style={{ width: px, height: px }}
                onClick={() => onCell(r, c)}
                aria-label={`${label} row ${r} column ${c}: ${v}. Click to change.`}
                data-testid={`${testId}-${r}-${c}`}
              >
                {v}
              </button>
            ) : (
              <div key={`${r},${c}`} className={className} style={{ width: px, height: px }} data-testid={`${testId}-${r}-${c}`}>
                {formatCell(v)}
              </div>
            );
          }),
        )}
      </div>
    </figure>
  );
}
