'use client';

import { useEffect, useRef } from 'react';
import { sampleRgba, type SampleImage } from './overlay';

/**
 * One sample image drawn on a canvas from its bytes, optionally with a class mask tinted over it. Scaled up
 * with crisp pixels (`size` CSS pixels square).
 */
export function SampleCanvas({ sample, mask, size = 64, label, testId }: { sample: SampleImage; mask?: Uint8Array | null; size?: number; label: string; testId?: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const rgba = sampleRgba(sample, mask);
    canvas.width = rgba.width;
    canvas.height = rgba.height;
    // sampleRgba allocates a plain ArrayBuffer-backed array; the type only says ArrayBufferLike.
    ctx.putImageData(new ImageData(rgba.data as Uint8ClampedArray<ArrayBuffer>, rgba.width, rgba.height), 0, 0);
  }, [sample, mask]);
  return (
    <canvas
      ref={ref}
      role="img"
      aria-label={label}
      title={label}
      className="block rounded-sm bg-slate-200 [image-rendering:pixelated]"
      style={{ width: size, height: size }}
      data-testid={testId}
    />
  );
}
