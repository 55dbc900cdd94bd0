import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ProgressBar } from '@/components/training/ProgressBar';
import type { LiveProgress } from '@/components/store/training/types';

const progress = (workers: number): LiveProgress => ({
  phase: null,
  phaseDone: 0,
  phaseTotal: 0,
  epoch: 2,
  epochs: 10,
  batch: 5,
  batches: 51,
  imagesPerSecond: 900,
  etaSeconds: 12,
  backend: 'wasm',
  workers,
});

const SAID = 'One worker ran at under half the speed of another for several steps';

describe('ProgressBar markup', () => {
  it('says the workers share batches by speed, with the log line as its tooltip, once the run said so', () => {
    const html = renderToStaticMarkup(<ProgressBar status="running" progress={progress(2)} splitBySpeed={SAID} />);
    expect(html).toMatch(/data-testid="progress-workers"[^>]*>× 2 workers</);
    expect(html).toMatch(new RegExp(`title="${SAID}" data-testid="progress-split-by-speed">shared by speed<`));
  });

  it('says nothing of it on an equal split, or on one worker', () => {
    expect(renderToStaticMarkup(<ProgressBar status="running" progress={progress(2)} splitBySpeed={null} />)).not.toMatch(/progress-split-by-speed/);
    expect(renderToStaticMarkup(<ProgressBar status="running" progress={progress(1)} splitBySpeed={SAID} />)).not.toMatch(/progress-split-by-speed|progress-workers/);
  });
});
