'use client';

import { useMemo, useState } from 'react';
import { axisLayout, receptiveCells, samplePatch, slide, type Grid, type WindowConfig } from '@/graph/learn';
import { buttonClass, Card, formatCell, NumberSlider } from './controls';

/** Props of the pooling explorer: the pool size and stride to start with (a pooling node's params). */
export interface PoolingExplorerProps {
  initial?: { poolSize?: number; stride?: number };
}

const PATCH = 6;

/**
 * Max and average pooling of the same 6x6 patch, side by side ('valid' padding): pick a window (click an
 * output cell of either result) and see which input cells it covers, which one max pooling keeps and
 * what the average is.
 */
export function PoolingExplorer({ initial }: PoolingExplorerProps) {
  const [poolSize, setPoolSize] = useState(clampInt(initial?.poolSize ?? 2, 2, 4));
  const [stride, setStride] = useState(clampInt(initial?.stride ?? poolSize, 1, 4));
  const [seed, setSeed] = useState(0);
  const [selected, setSelected] = useState<[number, number]>([0, 0]);
  const patch = useMemo(() => samplePatch(PATCH, seed), [seed]);
  const config: WindowConfig = { size: PATCH, kernel: poolSize, stride, padding: 'valid', dilation: 1 };
  const out = axisLayout(config).out;
  const maxOut = slide(patch, null, config, 'maxpool');
  const avgOut = slide(patch, null, config, 'avgpool');
  const [r, c] = selected[0] < out && selected[1] < out ? selected : [0, 0];
  const cells = receptiveCells(r, c, config);
  const values = cells.map((cell) => patch[cell.row][cell.col]);
  const maxValue = Math.max(...values);
  const maxCell = cells.find((cell) => patch[cell.row][cell.col] === maxValue);
  const inWindow = new Set(cells.map((cell) => `${cell.row},${cell.col}`));
  const change = (size: number, s: number) => {
    setPoolSize(size);
    setStride(s);
    setSelected([0, 0]);
  };

  return (
    <div className="flex flex-col gap-4" data-testid="pooling-explorer">
      <Card>
        <div className="flex flex-wrap items-end gap-x-6 gap-y-4">
          <NumberSlider label="Pool size" value={poolSize} min={2} max={4} onChange={(v) => change(v, stride)} hint="Height and width of each pooling window." testId="pool-size" />
          <NumberSlider label="Stride" value={stride} min={1} max={4} onChange={(v) => change(poolSize, v)} hint="Step between windows; equal to the pool size means the windows do not overlap." testId="pool-stride" />
          <button type="button" className={buttonClass()} onClick={() => setSeed((v) => v + 1)} data-testid="pool-new-patch">
            New numbers
          </button>
          <p className="text-sm text-slate-500">
            {PATCH}x{PATCH} patch to {out}x{out}
            {stride < poolSize ? ' (windows overlap)' : stride > poolSize ? ' (some pixels are skipped)' : ''}
          </p>
        </div>
      </Card>
      <Card>
        <div className="flex flex-wrap items-start gap-8">
          <figure className="flex flex-col gap-2">
            <figcaption className="text-xs font-medium text-slate-500">Input patch</figcaption>
            <PlainGrid
              grid={patch}
              testId="pool-in"
              cellClass={(i, j) =>
                maxCell && maxCell.row === i && maxCell.col === j
                  ? 'bg-amber-300 border-amber-500 text-amber-950 font-semibold'
                  : inWindow.has(`${i},${j}`)
                    ? 'bg-sky-200 border-sky-400 text-sky-950'
                    : 'bg-slate-100 border-slate-200 text-slate-700'
              }
              highlighted={(i, j) => inWindow.has(`${i},${j}`)}
            />
          </figure>
          {(['max', 'avg'] as const).map((kind) => (
            <figure key={kind} className="flex flex-col gap-2">
              <figcaption className="text-xs font-medium text-slate-500">{kind === 'max' ? 'Max pooling' : 'Average pooling'}</figcaption>
              <PlainGrid
                grid={kind === 'max' ? maxOut : avgOut}
                testId={`pool-${kind}`}
                onSelect={(i, j) => setSelected([i, j])}
                cellClass={(i, j) =>
                  i === r && j === c
                    ? 'border-2 border-indigo-600 bg-emerald-200 text-emerald-950 font-semibold'
                    : 'border-emerald-300 bg-emerald-50 text-emerald-900 hover:bg-emerald-100'
                }
              />
            </figure>
          ))}
        </div>
        <p className="mt-4 border-t border-slate-100 pt-3 font-mono text-sm text-slate-700" data-testid="pool-readout">
          max({values.join(', ')}) = {maxValue} &nbsp;·&nbsp; mean = {formatCell(avgOut[r]?.[c] ?? 0)}
        </p>
      </Card>
      <Card title="Which one, when?">
        <ul className="list-disc space-y-1.5 pl-5 text-sm leading-relaxed text-slate-600">
          <li>
            <strong className="text-slate-800">Max pooling</strong> keeps the strongest response in each window: &quot;was
            the pattern anywhere here?&quot;. A feature that moves by a pixel inside the window gives the same output,
            which makes the network a little tolerant of small shifts.
          </li>
          <li>
            <strong className="text-slate-800">Average pooling</strong> keeps how much of the pattern there is. It is
            smoother but a single strong response is diluted by its quiet neighbours.
          </li>
          <li>
            Neither has weights to learn. With pool size 2 and stride 2 both halve the height and width, so later
            layers see a larger part of the image for the same kernel size.
          </li>
        </ul>
      </Card>
    </div>
  );
}

function clampInt(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, Math.round(v)));
}

/** A grid of numbers; cells are buttons when `onSelect` is given. */
function PlainGrid(props: {
  grid: Grid;
  testId: string;
  cellClass: (r: number, c: number) => string;
  onSelect?: (r: number, c: number) => void;
  highlighted?: (r: number, c: number) => boolean;
}) {
  const { grid, testId, cellClass, onSelect, highlighted } = props;
  const px = 38;
  return (
    <div className="grid gap-[3px]" style={{ gridTemplateColumns: `repeat(${grid[0]?.length ?? 0}, ${px}px)` }} data-testid={testId}>
      {grid.flatMap((row, r) =>
        row.map((v, c) => {
          const className = `flex items-center justify-center rounded-[5px] border font-mono text-sm tabular-nums transition-colors duration-200 ${cellClass(r, c)}`;
          const common = {
            'data-testid': `${testId}-cell-${r}-${c}`,
            'data-highlighted': highlighted ? String(highlighted(r, c)) : undefined,
            className,
            style: { width: px, height: px },
          };
          return onSelect ? (
            <button key={`${r},${c}`} type="button" onClick={() => onSelect(r, c)} aria-label={`Row ${r}, column ${c}: ${formatCell(v)}`} {...common}>
              {formatCell(v)}
            </button>
          ) : (
            <div key={`${r},${c}`} {...common}>
              {formatCell(v)}
            </div>
          );
        }),
      )}
    </div>
  );
}
