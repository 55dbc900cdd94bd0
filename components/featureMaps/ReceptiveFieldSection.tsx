'use client';

import { useMemo, useState } from 'react';
import { cellRegion, receptiveRegions } from '@/graph/receptiveRegion';
import { selectAnalysis } from '../store/analysis';
import { useAppStore } from '../store/StoreProvider';
import { SampleCanvas } from '../ui/SampleCanvas';
import { sampleInputs, type SampleInput } from './sampleInputs';

/** Displayed side of the sample image, CSS pixels. */
const SIDE = 192;

/** One sample per task and input size: generating it takes a moment, the inspector re-renders often. */
const cache = new Map<string, SampleInput | null>();
function sampleFor(taskId: string, h: number, w: number, c: number): SampleInput | null {
  const key = `${taskId}:${h}x${w}x${c}`;
  if (!cache.has(key)) cache.set(key, sampleInputs(taskId, h, w, c, 1)[0] ?? null);
  return cache.get(key) ?? null;
}

/**
 * The inspector's "Receptive field" section for an image-producing node: a sample input of the task with the
 * node's output cells marked; moving over the image (or clicking) picks the nearest cell and outlines the
 * input rectangle it sees (clipped to the image), with r and j.
 */
export function ReceptiveFieldSection({ nodeId }: { nodeId: string }) {
  const doc = useAppStore((s) => s.doc);
  const report = useAppStore((s) => selectAnalysis(s).report);
  const region = useMemo(() => receptiveRegions(doc, doc.task, report)[nodeId] ?? null, [doc, report, nodeId]);
  const inShape = report.context?.inputShape;
  const channels = inShape && inShape.length === 4 ? (inShape[3] as number) : 0;
  const sample = useMemo(() => (region && channels ? sampleFor(doc.task.id, region.inHeight, region.inWidth, channels) : null), [region, channels, doc.task.id]);
  const [picked, setPicked] = useState<{ id: string; r: number; c: number } | null>(null);
  if (!region) return null;

  const cell = picked?.id === nodeId ? picked : { r: Math.floor(region.outHeight / 2), c: Math.floor(region.outWidth / 2) };
  const r = Math.min(cell.r, region.outHeight - 1);
  const c = Math.min(cell.c, region.outWidth - 1);
  const seen = cellRegion(region, r, c);
  const { rect } = seen;
  const scale = SIDE / Math.max(region.inHeight, region.inWidth);
  const centre = (axis: typeof region.rows, i: number) => axis.start + i * axis.jump + (axis.size - 1) / 2;
  // Beyond 16x16 cells the dots hide the image.
  const dots = region.outHeight * region.outWidth <= 256;

  const pick = (e: React.MouseEvent<SVGSVGElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const y = ((e.clientY - box.top) / box.height) * region.inHeight;
    const x = ((e.clientX - box.left) / box.width) * region.inWidth;
    const near = (v: number, axis: typeof region.rows, n: number) => Math.max(0, Math.min(n - 1, Math.round((v - 0.5 - axis.start - (axis.size - 1) / 2) / axis.jump)));
    setPicked({ id: nodeId, r: near(y, region.rows, region.outHeight), c: near(x, region.cols, region.outWidth) });
  };

  return (
    <section className="space-y-1.5 border-t border-slate-100 pt-3" aria-label="Receptive field" data-testid="receptive-field">
      <h3 className="text-xs font-semibold text-slate-700">Receptive field</h3>
      <div className="relative" style={{ width: region.inWidth * scale, height: region.inHeight * scale }}>
        {sample ? (
          <SampleCanvas sample={sample.display} size={SIDE} label="Sample input image" />
        ) : (
          <div className="h-full w-full rounded-sm bg-slate-200" />
        )}
        <svg
          className="absolute inset-0 h-full w-full cursor-crosshair"
          viewBox={`0 0 ${region.inWidth} ${region.inHeight}`}
          onMouseMove={pick}
          onClick={pick}
          data-testid="receptive-field-overlay"
          aria-label={`Output cell (${r}, ${c}) of ${region.outHeight}x${region.outWidth}`}
        >
          {dots &&
            Array.from({ length: region.outHeight }, (_, i) =>
              Array.from({ length: region.outWidth }, (_, j) => {
                const cy = centre(region.rows, i) + 0.5;
                const cx = centre(region.cols, j) + 0.5;
                if (cy < 0 || cx < 0 || cy > region.inHeight || cx > region.inWidth) return null;
                return <circle key={`${i}-${j}`} cx={cx} cy={cy} r={Math.max(0.15, Math.min(0.6, region.rows.jump * 0.2))} fill="rgba(255,255,255,0.55)" />;
              }),
            )}
          <rect
            x={rect.left}
            y={rect.top}
            width={rect.right - rect.left + 1}
            height={rect.bottom - rect.top + 1}
            fill="rgba(99,102,241,0.18)"
            stroke="#facc15"
            strokeWidth={Math.max(0.3, region.inWidth / SIDE * 2)}
            data-testid="receptive-field-rect"
            data-rect={`${rect.top},${rect.left},${rect.bottom},${rect.right}`}
          />
          <circle cx={centre(region.cols, c) + 0.5} cy={centre(region.rows, r) + 0.5} r={Math.max(0.4, region.inWidth / SIDE * 3)} fill="#ef4444" />
        </svg>
      </div>
      <p className="text-[11px] leading-relaxed text-slate-600" data-testid="receptive-field-text">
        Output cell ({r}, {c}) of {region.outHeight}x{region.outWidth} sees input rows {rect.top}-{rect.bottom}, columns {rect.left}-{rect.right}:{' '}
        <b>
          {region.rows.size}x{region.cols.size} pixels
        </b>
        , jump {region.rows.jump}
        {seen.clipped ? ' (part of it lies in the padding beyond the border, cut off here)' : ''}. Move over the image to pick another cell.
      </p>
    </section>
  );
}
