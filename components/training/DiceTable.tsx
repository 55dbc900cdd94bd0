'use client';

import { formatRatio } from './format';

export interface DiceTableProps {
  /** Dice per class, background first (null: undefined, no image of that class). */
  dicePerClass: readonly (number | null)[];
  meanDice: number | null;
  /** Images that gave each class a value. */
  counted: readonly number[];
  classNames: readonly string[];
  pixelAccuracy: number | null;
}

/**
 * Dice per class and their mean over the tumour classes, with how many images gave each a value. Empty
 * true masks follow MONAI's ignore_empty rule: they give no Dice and are left out of the means.
 */
export function DiceTable({ dicePerClass, meanDice, counted, classNames, pixelAccuracy }: DiceTableProps) {
  return (
    <div data-testid="dice-table">
      <div className="mb-2 flex gap-2">
        <div className="rounded-md border border-slate-200 bg-white px-2.5 py-1.5" title="Mean Dice over the tumour classes (background left out)">
          <div className="text-[10px] font-medium tracking-wide text-slate-500 uppercase">Mean Dice</div>
          <div className="font-mono text-lg leading-tight font-semibold text-slate-900 tabular-nums" data-testid="mean-dice">
            {formatRatio(meanDice)}
          </div>
        </div>
        <div className="rounded-md border border-dashed border-slate-300 bg-slate-50 px-2.5 py-1.5" title="Share of pixels with the right class; high even for a model that never finds a tumour">
          <div className="text-[10px] font-medium tracking-wide text-slate-500 uppercase">Pixel accuracy</div>
          <div className="font-mono text-lg leading-tight font-semibold text-slate-700 tabular-nums">{formatRatio(pixelAccuracy)}</div>
        </div>
      </div>
      <table className="text-xs">
        <thead className="border-b border-slate-200 text-slate-600">
          <tr>
            <th className="px-2 py-1 text-left font-medium">Class</th>
            <th className="px-2 py-1 text-right font-medium" title="Dice = 2|X and Y| / (|X| + |Y|), mean over the images that contain the class">
              Dice
            </th>
            <th className="w-32 px-2 py-1" aria-hidden />
            <th className="px-2 py-1 text-right font-medium" title="Images whose true mask contains the class (the others are left out, MONAI ignore_empty)">
              Images
            </th>
          </tr>
        </thead>
        <tbody>
          {dicePerClass.map((d, k) => (
            <tr key={k} className={`border-b border-slate-100 ${k === 0 ? 'text-slate-500' : 'text-slate-800'}`} data-testid="dice-row">
              <th scope="row" className="px-2 py-0.5 text-left font-mono font-medium">
                {classNames[k] ?? k}
                {k === 0 && <span className="ml-1 font-sans text-[10px] font-normal">(not in the mean)</span>}
              </th>
              <td className="px-2 py-0.5 text-right font-mono tabular-nums">{formatRatio(d)}</td>
              <td className="px-2 py-0.5">
                <div className="h-1.5 rounded-full bg-slate-100">
                  <div className="h-full rounded-full bg-indigo-500" style={{ width: `${Math.round((d ?? 0) * 100)}%` }} />
                </div>
              </td>
              <td className="px-2 py-0.5 text-right font-mono tabular-nums">{counted[k] ?? 0}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-1 max-w-md text-[11px] text-slate-500">
        A slice whose true mask has no tumour gives no Dice: 2|X and Y| / (|X| + |Y|) is 0/0 there. As in MONAI (ignore_empty), such slices are left out of the mean instead of counting as 0 or 1; &quot;-&quot; means no slice had that class.
      </p>
    </div>
  );
}
