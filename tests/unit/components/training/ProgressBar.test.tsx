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

  it('says a run trains on one worker, and why, when more were asked for', () => {
    const why = 'Training on one worker: webgl runs on the GPU, which one worker already fills.';
    const html = renderToStaticMarkup(<ProgressBar status="running" progress={progress(1)} oneWorkerWhy={why} />);
    expect(html).toMatch(new RegExp(`title="${why}" data-testid="progress-one-worker">1 worker<`));
    // Several workers: the count says it all; no line (one worker asked for): nothing.
    expect(renderToStaticMarkup(<ProgressBar status="running" progress={progress(2)} oneWorkerWhy={why} />)).not.toMatch(/progress-one-worker/);
    expect(renderToStaticMarkup(<ProgressBar status="running" progress={progress(1)} oneWorkerWhy={null} />)).not.toMatch(/progress-one-worker/);
  });
});

describe('ProgressBar fill', () => {
  it('scales on the compositor instead of animating its width (a width transition repainted the page all run long)', () => {
    const html = renderToStaticMarkup(<ProgressBar status="running" progress={progress(2)} />);
    const fill = /<div class="([^"]*)" style="([^"]*)" data-testid="progress-fill"/.exec(html);
    expect(fill).not.toBeNull();
    // Epoch 2 of 10, batch 5 of 51: (1 + 5/51) / 10 of the run.
    expect(fill![2]).toBe(`transform:scaleX(${((1 + 5 / 51) / 10).toFixed(4)})`);
    expect(fill![1]).toContain('transition-transform');
    expect(fill![1]).not.toContain('width');
  });
});
