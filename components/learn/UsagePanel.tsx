'use client';

import { usageCounts } from '@/graph/learn';
import { Card } from './controls';
import { UsageGrid } from './ConvGrids';
import { windowConfig } from './explorerState';
import type { ExplorerSettings } from './settings';

/**
 * How often each input pixel is read by the window (a heat count), with the corner and centre compared
 * against the same window without padding and with padding 'same': without padding the border is
 * barely seen, which is one reason networks pad.
 */
export function UsagePanel({ settings }: { settings: ExplorerSettings }) {
  const counts = usageCounts(windowConfig(settings));
  const n = settings.inputSize;
  const mid = Math.floor(n / 2);
  const corner = (padding: ExplorerSettings['padding']) => usageCounts(windowConfig({ ...settings, padding }))[0][0];
  const px = Math.max(18, Math.min(30, Math.floor(260 / n) - 2));
  return (
    <Card title="How often each input pixel is used" testId="conv-usage-panel">
      <div className="flex flex-wrap items-start gap-4">
        <UsageGrid counts={counts} cellPx={px} />
        <div className="min-w-48 flex-1 text-sm leading-relaxed text-slate-600">
          <p>
            Corner pixel:{' '}
            <strong className="text-slate-900" data-testid="conv-corner-count">
              {counts[0][0]}
            </strong>{' '}
            {counts[0][0] === 1 ? 'time' : 'times'}; centre pixel:{' '}
            <strong className="text-slate-900" data-testid="conv-centre-count">
              {counts[mid][mid]}
            </strong>{' '}
            {counts[mid][mid] === 1 ? 'time' : 'times'}.
          </p>
          <p className="mt-2">
            Same window, corner pixel without padding: <strong className="text-slate-900">{corner('valid')}</strong>; with
            padding &apos;same&apos;: <strong className="text-slate-900">{corner('same')}</strong>.
          </p>
          <p className="mt-2 text-slate-500">
            Without padding, border pixels take part in few sums, so whatever is at the edge of the image has less
            say in the output. Zero padding lets the window centre on edge pixels too.
          </p>
        </div>
      </div>
    </Card>
  );
}
