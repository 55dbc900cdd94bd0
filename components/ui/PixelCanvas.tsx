'use client';

import { useEffect, useRef } from 'react';

/** An RGBA image (width x height) drawn with crisp pixels, `size` CSS pixels on its longer side. */
export function PixelCanvas({ rgba, width, height, size, label, testId }: { rgba: Uint8ClampedArray; width: number; height: number; size: number; label: string; testId?: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    canvas.width = width;
    canvas.height = height;
    // The arrays handed in are plain ArrayBuffer-backed; the type only says ArrayBufferLike.
    ctx.putImageData(new ImageData(rgba as Uint8ClampedArray<ArrayBuffer>, width, height), 0, 0);
  }, [rgba, width, height]);
  const scale = size / Math.max(width, height);
  return (
    <canvas
      ref={ref}
      role="img"
      aria-label={label}
      title={label}
      className="block rounded-sm bg-slate-200 [image-rendering:pixelated]"
      style={{ width: width * scale, height: height * scale }}
      data-testid={testId}
    />
  );
}
