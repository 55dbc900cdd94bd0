/** The per-thread CPU accounting of scripts/bench/threadCpuChromium.ts, on hand-made /proc readings. */
import { describe, expect, it } from 'vitest';
import { cpuPerStep } from '@/scripts/bench/threadCpuChromium';

describe('cpuPerStep', () => {
  it('gives each training worker its own line and sums other threads by process type and name, in ms a step', () => {
    const before = new Map([
      ['renderer:DedicatedWorker:101', 100],
      ['renderer:DedicatedWorker:102', 50],
      ['renderer:ThreadPoolForeg:103', 10],
      ['renderer:ThreadPoolForeg:104', 0],
      ['browser:chromium:1', 7],
    ]);
    const after = new Map([
      ['renderer:DedicatedWorker:101', 190], // 90 jiffies = 900 ms over 30 steps: 30 ms a step
      ['renderer:DedicatedWorker:102', 134], // 84 -> 28 ms
      ['renderer:ThreadPoolForeg:103', 14], // 4 + 2 + 3 (a thread born meanwhile) = 9 -> 3 ms
      ['renderer:ThreadPoolForeg:104', 2],
      ['renderer:ThreadPoolForeg:105', 3],
      ['browser:chromium:1', 7], // idle: left out
    ]);
    expect(cpuPerStep(before, after, 30)).toEqual([
      ['renderer:DedicatedWorker 101', 30],
      ['renderer:DedicatedWorker 102', 28],
      ['renderer:ThreadPoolForeg', 3],
    ]);
  });

  it('leaves out threads under 0.05 ms a step', () => {
    expect(cpuPerStep(new Map(), new Map([['gpu-process:VizCompositorTh:9', 1]]), 300)).toEqual([]);
  });
});
