'use client';

import { useEffect, useMemo, useReducer, useState, type ReactNode } from 'react';
import {
  axisLayout,
  effectiveKernel,
  formulaText,
  receptiveCells,
  sampleInput,
  sampleKernel,
  slide,
  type LearnPadding,
  type WindowMode,
} from '@/graph/learn';
import { buttonClass, Card, formatCell, NumberSlider, Segmented } from './controls';
import { cellSize, InputGrid, KernelGrid, OutputGrid } from './ConvGrids';
import { explorerReducer, initialState, windowConfig } from './explorerState';
import { LIMITS, type ExplorerSettings } from './settings';
import { UsagePanel } from './UsagePanel';

/** Props of the convolution explorer; `initial` preloads a node's params (see settingsFromNode). */
export interface ConvolutionExplorerProps {
  initial?: Partial<ExplorerSettings>;
  /** Start the animation at once (the editor's dialog does; the /learn page waits for Play). */
  autoPlay?: boolean;
  /** Milliseconds per output cell while playing. */
  intervalMs?: number;
}

const MODES = [
  { value: 'conv', label: 'Convolution' },
  { value: 'maxpool', label: 'Max pool' },
  { value: 'avgpool', label: 'Average pool' },
] as const satisfies readonly { value: WindowMode; label: string }[];

type PaddingKind = 'valid' | 'same' | 'explicit';
const PADDINGS = [
  { value: 'valid', label: 'valid' },
  { value: 'same', label: 'same' },
  { value: 'explicit', label: 'explicit p' },
] as const satisfies readonly { value: PaddingKind; label: string }[];

/**
 * An animated kernel sliding over a small input: controls for input size, kernel size, stride, padding
 * and dilation; the output grid filling with computed values; the output size formula with the current
 * numbers; the cells the current output cell reads; how often each input pixel is read.
 * Example: `<ConvolutionExplorer initial={{ kernelSize: 3, stride: 2, padding: 'same' }} autoPlay />`.
 */
export function ConvolutionExplorer({ initial, autoPlay = false, intervalMs = 800 }: ConvolutionExplorerProps) {
  const [state, dispatch] = useReducer(explorerReducer, undefined, () => initialState(initial, autoPlay));
  const { settings: s, cursor, revealed, playing } = state;
  const set = (settings: Partial<ExplorerSettings>) => dispatch({ type: 'set', settings });
  // Marks the explorer interactive once hydrated: controls used before that would be lost (tests wait for it).
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);

  useEffect(() => {
    if (!playing) return;
    const id = window.setInterval(() => dispatch({ type: 'tick' }), intervalMs);
    return () => window.clearInterval(id);
  }, [playing, intervalMs]);

  const config = windowConfig(s);
  const layout = axisLayout(config);
  const input = useMemo(() => sampleInput(s.inputSize), [s.inputSize]);
  const kernel = useMemo(() => (s.mode === 'conv' ? sampleKernel(s.kernelSize) : null), [s.mode, s.kernelSize]);
  const output = useMemo(() => slide(input, kernel, windowConfig(s), s.mode), [input, kernel, s]);
  const out = layout.out;
  const row = out > 0 ? Math.floor(cursor / out) : 0;
  const col = out > 0 ? cursor % out : 0;
  const reads = out > 0 ? receptiveCells(row, col, config) : [];
  const side = layout.padBefore + s.inputSize + layout.padAfter;
  const inPx = cellSize(side, 400);
  const outPx = cellSize(Math.max(out, 3), 240);
  const maxCell = s.mode === 'maxpool' ? maxOf(reads, input, s.padding) : null;
  const paddingKind: PaddingKind = typeof s.padding === 'number' ? 'explicit' : s.padding;
  const windowName = s.mode === 'conv' ? 'Kernel' : 'Pool window';

  return (
    <div className="flex flex-col gap-4" data-testid="convolution-explorer" data-ready={ready ? 'true' : 'false'}>
      <Card>
        <div className="flex flex-wrap items-end gap-x-8 gap-y-4">
          <Segmented label="What slides" value={s.mode} options={MODES} onChange={(mode) => set({ mode })} testId="conv-mode" />
          <Segmented label="Padding" value={paddingKind} options={PADDINGS} onChange={(kind) => set({ padding: paddingFor(kind, s.padding) })} testId="conv-padding" />
          {typeof s.padding === 'number' ? (
            <NumberSlider label="Zeros per side p" value={s.padding} min={LIMITS.padding[0]} max={LIMITS.padding[1]} onChange={(padding) => set({ padding })} hint="Rings of zero cells drawn around the input." testId="conv-padding-p" />
          ) : null}
        </div>
        <div className="mt-4 grid grid-cols-2 gap-x-8 gap-y-4 md:grid-cols-4">
          <NumberSlider label="Input size n" value={s.inputSize} min={LIMITS.inputSize[0]} max={LIMITS.inputSize[1]} onChange={(inputSize) => set({ inputSize })} hint="Height and width of the input image, in pixels." testId="conv-input-size" />
          <NumberSlider label={`${windowName} size k`} value={s.kernelSize} min={LIMITS.kernelSize[0]} max={LIMITS.kernelSize[1]} onChange={(kernelSize) => set({ kernelSize })} hint="Height and width of the window." testId="conv-kernel-size" />
          <NumberSlider label="Stride s" value={s.stride} min={LIMITS.stride[0]} max={LIMITS.stride[1]} onChange={(stride) => set({ stride })} hint="How many pixels the window jumps each step." testId="conv-stride" />
          <NumberSlider label="Dilation d" value={s.dilation} min={LIMITS.dilation[0]} max={LIMITS.dilation[1]} onChange={(dilation) => set({ dilation })} disabled={s.mode !== 'conv'} hint={s.mode === 'conv' ? 'Gap between kernel taps: d = 2 spreads a 3x3 kernel over 5x5.' : 'Pooling layers have no dilation.'} testId="conv-dilation" />
        </div>
      </Card>

      <Card>
        <div className="flex flex-wrap items-start gap-6">
          <Figure caption={inputCaption(s, layout.padBefore, layout.padAfter)}>
            <InputGrid input={input} config={config} reads={reads} kernel={kernel} mode={s.mode} maxCell={maxCell} cellPx={inPx} />
          </Figure>
          <Operator symbol={s.mode === 'conv' ? '∗' : '→'} />
          <Figure caption={`${windowName} ${s.kernelSize}x${s.kernelSize}${s.dilation > 1 ? `, dilation ${s.dilation} (covers ${effectiveKernel(s.kernelSize, s.dilation)}x${effectiveKernel(s.kernelSize, s.dilation)})` : ''}`}>
            <KernelGrid kernel={kernel} mode={s.mode} size={s.kernelSize} cellPx={Math.min(inPx, 34)} />
          </Figure>
          <Operator symbol="=" />
          <Figure caption={`Output ${out}x${out}`}>
            {out > 0 ? (
              <OutputGrid output={output} cursor={cursor} revealed={revealed} cellPx={outPx} onSelect={(index) => dispatch({ type: 'select', index })} />
            ) : (
              <p className="max-w-56 rounded-lg bg-rose-50 p-3 text-sm text-rose-800" data-testid="conv-no-fit">
                The {effectiveKernel(s.kernelSize, s.dilation)}x{effectiveKernel(s.kernelSize, s.dilation)} window does not fit in the {s.inputSize + 2 * layout.padBefore}x{s.inputSize + 2 * layout.padBefore} padded input: there is no output. Use padding, a smaller kernel or less dilation.
              </p>
            )}
          </Figure>
        </div>
        <div className="mt-4 flex flex-wrap items-center gap-2 border-t border-slate-100 pt-3">
          <button type="button" className={buttonClass(true)} onClick={() => dispatch({ type: playing ? 'pause' : 'play' })} disabled={out === 0} data-testid="conv-play">
            {playing ? 'Pause' : 'Play'}
          </button>
          <button type="button" className={buttonClass()} onClick={() => dispatch({ type: 'step', by: -1 })} disabled={out === 0 || cursor === 0} aria-label="Step back">
            ◂ Back
          </button>
          <button type="button" className={buttonClass()} onClick={() => dispatch({ type: 'step', by: 1 })} disabled={out === 0 || cursor >= out * out - 1} data-testid="conv-step" aria-label="Step forward">
            Step ▸
          </button>
          <button type="button" className={buttonClass()} onClick={() => dispatch({ type: 'reset' })} disabled={out === 0}>
            Reset
          </button>
          {out > 0 ? (
            <p className="ml-2 min-w-0 flex-1 font-mono text-sm text-slate-700" data-testid="conv-computation">
              out[{row}][{col}] = {computation(reads, input, kernel, s.mode, s.padding, output[row]?.[col] ?? 0)}
            </p>
          ) : null}
        </div>
      </Card>

      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="Output size">
          <p className="font-mono text-sm break-words text-slate-800" data-testid="conv-formula">
            {formulaText(config)}
          </p>
          <p className="mt-2 text-sm text-slate-600">
            Output:{' '}
            <span className="font-mono font-semibold text-slate-900" data-testid="conv-output-size" data-value={out}>
              {out} x {out}
            </span>
          </p>
          <p className="mt-3 text-sm leading-relaxed text-slate-600">
            {typeof s.padding === 'string' && s.padding === 'same'
              ? "With 'same', tfjs pads just enough that the output is ceil(n/s): the input size divided by the stride, rounded up. An odd amount puts the extra cell after (right and bottom). Convolutions pad with zeros; pooling skips the padding cells."
              : 'n is the input size, p the zeros added on each side, k the kernel size, d the dilation (d(k-1)+1 is the span the kernel covers) and s the stride. The division is rounded down: a window that would hang over the edge is dropped.'}
          </p>
          {s.stride > 1 && s.dilation > 1 ? (
            <p className="mt-2 rounded-md bg-amber-50 p-2 text-xs text-amber-900">
              tfjs and Keras cannot combine a stride above 1 with a dilation above 1 in one layer; the arithmetic still works, as shown.
            </p>
          ) : null}
        </Card>
        <UsagePanel settings={s} />
      </div>
    </div>
  );
}

function Figure({ caption, children }: { caption: string; children: ReactNode }) {
  return (
    <figure className="flex flex-col items-start gap-2">
      <figcaption className="text-xs font-medium text-slate-500">{caption}</figcaption>
      {children}
    </figure>
  );
}

/** "Input 5x5", plus how much padding is drawn around it and, for pooling with 'same', that it is skipped. */
function inputCaption(s: ExplorerSettings, before: number, after: number): string {
  const base = `Input ${s.inputSize}x${s.inputSize}`;
  if (before + after === 0) return base;
  const amount = before === after ? `${before} ring${before === 1 ? '' : 's'} of padding` : `padding ${before} top/left, ${after} bottom/right`;
  return s.mode !== 'conv' && s.padding === 'same' ? `${base}, ${amount} (skipped by pooling)` : `${base}, ${amount} (zeros)`;
}

function Operator({ symbol }: { symbol: string }) {
  return (
    <span className="self-center pt-5 text-2xl font-light text-slate-500" aria-hidden>
      {symbol}
    </span>
  );
}

/** Switching padding kind keeps an explicit p, or starts at p = 1. */
function paddingFor(kind: PaddingKind, current: LearnPadding): LearnPadding {
  if (kind !== 'explicit') return kind;
  return typeof current === 'number' ? current : 1;
}

/** The cell holding a pooling window's max ('same' padding cells are ignored, explicit zeros count). */
function maxOf(reads: ReturnType<typeof receptiveCells>, input: number[][], padding: LearnPadding) {
  let best: { row: number; col: number; v: number } | null = null;
  for (const r of reads) {
    if (!r.inside && padding === 'same') continue;
    const v = r.inside ? input[r.row][r.col] : 0;
    if (!best || v > best.v) best = { row: r.row, col: r.col, v };
  }
  return best;
}

/** The current cell's sum or pooling as text, short enough for one line. */
function computation(
  reads: ReturnType<typeof receptiveCells>,
  input: number[][],
  kernel: number[][] | null,
  mode: WindowMode,
  padding: LearnPadding,
  value: number,
): string {
  const used = mode !== 'conv' && padding === 'same' ? reads.filter((r) => r.inside) : reads;
  const v = (r: (typeof reads)[number]) => (r.inside ? input[r.row][r.col] : 0);
  if (mode === 'conv' && kernel) {
    if (used.length > 9) return `sum of ${used.length} products input x weight = ${formatCell(value)}`;
    return `${used.map((r) => `${v(r)}·${kernel[r.kr][r.kc]}`).join(' + ')} = ${formatCell(value)}`;
  }
  const name = mode === 'maxpool' ? 'max' : 'mean';
  if (used.length > 12) return `${name} of ${used.length} values = ${formatCell(value)}`;
  return `${name}(${used.map(v).join(', ')}) = ${formatCell(value)}`;
}
