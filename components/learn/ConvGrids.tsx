'use client';

import { axisLayout, effectiveKernel, type Grid, type ReadCell, type WindowConfig, type WindowMode } from '@/graph/learn';
import { formatCell } from './controls';

const GAP = 3;

/** Cell side in pixels so `cells` cells fit about `budget` pixels, within readable bounds. */
export function cellSize(cells: number, budget: number): number {
  return Math.max(22, Math.min(42, Math.floor(budget / Math.max(1, cells)) - GAP));
}

const key = (r: number, c: number) => `${r},${c}`;

/**
 * The input with its zero padding drawn around it (dashed cells), the cells the current output cell reads
 * highlighted (with the kernel weight each one is multiplied by), and an outline of the window's span that
 * slides as the output cell changes.
 */
export function InputGrid(props: {
  input: Grid;
  config: WindowConfig;
  reads: readonly ReadCell[];
  kernel: Grid | null;
  mode: WindowMode;
  /** Pooling: the cell whose value is the max (marked). */
  maxCell?: { row: number; col: number } | null;
  cellPx: number;
}) {
  const { input, config, reads, kernel, mode, maxCell, cellPx } = props;
  // tfjs pooling with 'same' skips the padding (max ignores it, the average divides by real cells only).
  const padIgnored = mode !== 'conv' && config.padding === 'same';
  const { padBefore, padAfter } = axisLayout(config);
  const side = padBefore + config.size + padAfter;
  const read = new Map(reads.map((r) => [key(r.row, r.col), r]));
  const pitch = cellPx + GAP;
  const span = effectiveKernel(config.kernel, config.dilation);
  const first = reads[0];
  const rows = Array.from({ length: side }, (_, i) => i - padBefore);
  return (
    <div className="relative" style={{ width: side * pitch - GAP, height: side * pitch - GAP }} data-testid="conv-input">
      <div className="grid" style={{ gridTemplateColumns: `repeat(${side}, ${cellPx}px)`, gap: GAP }}>
        {rows.flatMap((r) =>
          rows.map((c) => {
            const inside = r >= 0 && r < config.size && c >= 0 && c < config.size;
            const tap = inside || !padIgnored ? read.get(key(r, c)) : undefined;
            const isMax = !!maxCell && maxCell.row === r && maxCell.col === c;
            const testId = inside ? `conv-in-cell-${r}-${c}` : `conv-pad-cell-${r + padBefore}-${c + padBefore}`;
            let look = inside ? 'bg-slate-100 text-slate-800 border border-slate-200' : 'border border-dashed border-slate-300 text-slate-500 bg-white';
            if (tap) look = inside ? 'bg-sky-200 text-sky-950 border border-sky-400' : 'bg-sky-50 text-sky-700 border border-dashed border-sky-400';
            if (isMax) look = 'bg-amber-300 text-amber-950 border border-amber-500';
            return (
              <div
                key={key(r, c)}
                data-testid={testId}
                data-highlighted={tap ? 'true' : 'false'}
                className={`relative flex items-center justify-center rounded-[5px] font-mono tabular-nums transition-colors duration-200 ${look}`}
                style={{ width: cellPx, height: cellPx, fontSize: Math.max(10, cellPx * 0.38) }}
                title={inside ? `input (${r}, ${c}) = ${input[r][c]}` : padIgnored ? 'padding, ignored by pooling' : 'zero padding'}
              >
                {inside ? input[r][c] : padIgnored ? '' : 0}
                {tap && kernel && mode === 'conv' && cellPx >= 28 ? (
                  <span className="absolute right-0.5 bottom-0 font-sans text-[9px] leading-none font-semibold text-indigo-700">
                    ×{kernel[tap.kr][tap.kc]}
                  </span>
                ) : null}
              </div>
            );
          }),
        )}
      </div>
      {first ? (
        <div
          aria-hidden
          className="pointer-events-none absolute rounded-md border-2 border-indigo-500 shadow-[0_0_0_3px_rgba(99,102,241,0.15)] transition-all duration-300 ease-out"
          style={{
            left: (first.col + padBefore) * pitch - 3,
            top: (first.row + padBefore) * pitch - 3,
            width: span * pitch - GAP + 6,
            height: span * pitch - GAP + 6,
          }}
        />
      ) : null}
    </div>
  );
}

/** The kernel's weights (convolution) or a note of what the window computes (pooling). */
export function KernelGrid(props: { kernel: Grid | null; mode: WindowMode; size: number; cellPx: number }) {
  const { kernel, mode, size, cellPx } = props;
  if (mode !== 'conv' || !kernel) {
    return (
      <div
        className="flex items-center justify-center rounded-lg border-2 border-dashed border-indigo-300 bg-indigo-50 text-center text-sm font-semibold text-indigo-700"
        style={{ width: size * (cellPx + GAP), height: size * (cellPx + GAP) }}
      >
        {mode === 'maxpool' ? 'max' : 'mean'}
      </div>
    );
  }
  return (
    <div className="grid" style={{ gridTemplateColumns: `repeat(${size}, ${cellPx}px)`, gap: GAP }} data-testid="conv-kernel">
      {kernel.flatMap((row, r) =>
        row.map((w, c) => (
          <div
            key={key(r, c)}
            className="flex items-center justify-center rounded-[5px] border border-indigo-300 bg-indigo-50 font-mono font-semibold text-indigo-800 tabular-nums"
            style={{ width: cellPx, height: cellPx, fontSize: Math.max(10, cellPx * 0.38) }}
          >
            {w}
          </div>
        )),
      )}
    </div>
  );
}

/** The output grid: computed cells show their value, the current one is outlined; click a cell to inspect it. */
export function OutputGrid(props: {
  output: Grid;
  cursor: number;
  revealed: number;
  cellPx: number;
  onSelect: (index: number) => void;
}) {
  const { output, cursor, revealed, cellPx, onSelect } = props;
  const side = output.length;
  return (
    <div className="grid" style={{ gridTemplateColumns: `repeat(${side}, ${cellPx}px)`, gap: GAP }} data-testid="conv-output">
      {output.flatMap((row, r) =>
        row.map((v, c) => {
          const i = r * side + c;
          const current = i === cursor;
          const shown = i <= revealed;
          return (
            <button
              key={key(r, c)}
              type="button"
              onClick={() => onSelect(i)}
              data-testid={`conv-out-cell-${r}-${c}`}
              data-current={current ? 'true' : 'false'}
              aria-label={`Output row ${r}, column ${c}${shown ? `: ${formatCell(v)}` : ''}`}
              className={
                'flex items-center justify-center rounded-[5px] font-mono tabular-nums transition-colors duration-200 ' +
                'focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-500 ' +
                (current
                  ? 'border-2 border-indigo-600 bg-emerald-200 font-semibold text-emerald-950'
                  : shown
                    ? 'border border-emerald-300 bg-emerald-50 text-emerald-900 hover:bg-emerald-100'
                    : 'border border-slate-200 bg-white text-slate-500 hover:bg-slate-50')
              }
              style={{ width: cellPx, height: cellPx, fontSize: Math.max(10, cellPx * (shown && !Number.isInteger(v) ? 0.3 : 0.38)) }}
            >
              {shown ? formatCell(v) : '?'}
            </button>
          );
        }),
      )}
    </div>
  );
}

/** How often each input pixel is read, as a heat map with the count in each cell. */
export function UsageGrid(props: { counts: Grid; cellPx: number }) {
  const { counts, cellPx } = props;
  const max = Math.max(1, ...counts.flat());
  return (
    <div className="grid" style={{ gridTemplateColumns: `repeat(${counts.length}, ${cellPx}px)`, gap: 2 }} data-testid="conv-usage">
      {counts.flatMap((row, r) =>
        row.map((n, c) => {
          const t = n / max;
          return (
            <div
              key={key(r, c)}
              data-testid={`conv-usage-${r}-${c}`}
              title={`input (${r}, ${c}) is read ${n} times`}
              className="flex items-center justify-center rounded-[4px] font-mono text-[11px] font-semibold tabular-nums"
              style={{
                width: cellPx,
                height: cellPx,
                background: n === 0 ? '#f1f5f9' : `rgba(234, 88, 12, ${0.12 + 0.78 * t})`,
                color: t > 0.55 ? 'white' : '#7c2d12',
              }}
            >
              {n}
            </div>
          );
        }),
      )}
    </div>
  );
}
