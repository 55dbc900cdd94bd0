/** The alternating comparison's figures from hand-made rounds: medians, per-round ratios, never a collapsed PyTorch. */
import { describe, expect, it } from 'vitest';
import { median, pairedRatios, versusFigures, type Round } from '@/scripts/bench/versusFigures';

const round = (one: number, many: number, torch: number, torch1: number): Round => ({ one, many, torch, torchCpu: torch * 0.6, torchThreads: 2, torch1 });

describe('versusFigures', () => {
  it('takes the median of per-round ratios, not the ratio of medians', () => {
    // Ratios per round: 900/1200 = 0.75, 400/1000 = 0.4, 1000/1250 = 0.8 -> median 0.75.
    // Ratio of the medians would be 900/1200 = 0.75 too here, so check the scaling: 1.8, 1.0, 2.0 -> 1.8.
    const rounds = [round(500, 900, 1200, 800), round(400, 400, 1000, 600), round(500, 1000, 1250, 700)];
    const f = Object.fromEntries(versusFigures('cnn', 2, rounds).map((x) => [x.name, x.value]));
    expect(f.cnn_browser_vs_pytorch).toBe(0.75);
    expect(f.cnn_worker_scaling).toBe(1.8);
    expect(f.cnn_img_per_s_wasm_chromium_1worker).toBe(500);
    expect(f.cnn_img_per_s_wasm_chromium_2workers).toBe(900);
    expect(f.cnn_img_per_s_pytorch).toBe(1200);
    expect(f.cnn_img_per_s_pytorch_1thread).toBe(700);
    expect(f.cnn_img_per_cpu_s_pytorch).toBe(720);
    // 1200/800 = 1.5, 1000/600 = 1.667, 1250/700 = 1.786 -> 1.667.
    expect(f.cnn_pytorch_thread_scaling).toBe(1.667);
  });

  it('divides by the faster PyTorch run of the round, so a collapsed default cannot flatter Convas', () => {
    // PyTorch's 2 threads collapsed to 70 img/s under load; its 1 thread did 350: the ratio uses 350.
    expect(pairedRatios([round(190, 120, 70, 350)])).toEqual([120 / 350]);
  });

  it('reads the worker scaling against independent runs at the same time, when the rounds have them', () => {
    // independent/one: 1.7, 1.5, 1.6 -> 1.6; many/independent: 800/850 = 0.941, 700/750 = 0.933, 760/800 = 0.95 -> 0.941.
    const rounds = [
      { ...round(500, 800, 1000, 700), independent: 850 },
      { ...round(500, 700, 1000, 700), independent: 750 },
      { ...round(500, 760, 1000, 700), independent: 800 },
    ];
    const f = Object.fromEntries(versusFigures('cnn', 2, rounds).map((x) => [x.name, x.value]));
    expect(f.cnn_independent_scaling).toBe(1.6);
    expect(f.cnn_worker_scaling_vs_independent).toBe(0.941);
    expect(f.cnn_worker_scaling).toBe(1.52);
    // Rounds without them (an older run's) give the figures of before, and no new ones.
    expect(versusFigures('cnn', 2, [round(500, 900, 1200, 800)]).map((x) => x.name)).not.toContain('cnn_independent_scaling');
  });

  it('names the many-worker figure by its worker count and gives nothing without rounds', () => {
    expect(versusFigures('unet', 3, [round(100, 250, 300, 200)]).map((f) => f.name)).toContain('unet_img_per_s_wasm_chromium_3workers');
    expect(versusFigures('unet', 2, [])).toEqual([]);
    expect(median([3, 1, 2, 10])).toBe(2.5);
  });
});
