import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ErrorBanner } from '@/components/training/ErrorBanner';
import { offersCpuBackend } from '@/components/training/errorActions';
import { GPU_LOST_HINT } from '@/engine/train/gpuLost';

describe('a run that lost its GPU', () => {
  it('offers the CPU backend after webgpu, webgl and Auto, and not when the setting is already on the CPU', () => {
    expect(['webgpu', 'webgl', 'auto'].map((b) => offersCpuBackend('gpu-lost', b as 'auto'))).toEqual([true, true, true]);
    expect(offersCpuBackend('gpu-lost', 'wasm')).toBe(false);
    expect(offersCpuBackend('gpu-lost', 'cpu')).toBe(false);
    expect(offersCpuBackend('internal', 'webgpu')).toBe(false);
    expect(offersCpuBackend(undefined, 'webgpu')).toBe(false);
  });

  it('shows its own title, the message and the hint, with the action button', () => {
    const html = renderToStaticMarkup(
      <ErrorBanner
        error={{ code: 'gpu-lost', message: 'The webgpu backend lost its GPU mid-run: [Device] is lost.', hint: GPU_LOST_HINT }}
        onDismiss={() => undefined}
        action={{ label: 'Use wasm', run: () => undefined }}
      />,
    );
    expect(html).toContain('data-code="gpu-lost"');
    expect(html).toContain('The GPU stopped working');
    expect(html).toContain('[Device] is lost.');
    expect(html).toContain('choose wasm under Settings &gt; Backend');
    expect(html).toMatch(/data-testid="banner-action"[^>]*>Use wasm</);
  });
});
