'use client';

import { useMemo } from 'react';
import { PixelCanvas } from './PixelCanvas';
import { sampleRgba, type SampleImage } from './overlay';

/**
 * One sample image drawn on a canvas from its bytes, optionally with a class mask tinted over it. Scaled up
 * with crisp pixels (`size` CSS pixels on its longer side; samples are square).
 */
export function SampleCanvas({ sample, mask, size = 64, label, testId }: { sample: SampleImage; mask?: Uint8Array | null; size?: number; label: string; testId?: string }) {
  const rgba = useMemo(() => sampleRgba(sample, mask), [sample, mask]);
  return <PixelCanvas rgba={rgba.data} width={rgba.width} height={rgba.height} size={size} label={label} testId={testId} />;
}
