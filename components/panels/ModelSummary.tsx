'use client';

import { useMemo } from 'react';
import { catalogEntry } from '@/graph/catalog';
import { formatBytes, formatCompact, formatShape } from '../format';
import { formatCount } from '@/graph/issues';
import { selectAnalysis } from '../store/analysis';
import { useAppStore, useAppStoreApi } from '../store/StoreProvider';

/** float32: every parameter and activation is 4 bytes. */
const BYTES_PER_NUMBER = 4;

/**
 * The model summary, like Keras `model.summary()`: one row per layer in data-flow order with its output
 * shape, parameters, receptive field and multiply-adds, then totals and the activation memory of one
 * forward pass for the chosen batch size. Clicking a row selects that layer.
 */
export function ModelSummary() {
  const api = useAppStoreApi();
  const analysis = useAppStore(selectAnalysis);
  const nodes = useAppStore((s) => s.doc.nodes);
  const selectedId = useAppStore((s) => {
    const sel = s.nodes.filter((n) => n.selected);
    return sel.length === 1 ? sel[0].id : null;
  });
  const batchSize = useAppStore((s) => s.settings.batchSize);
  const { report, byNode } = analysis;

  const rows = useMemo(() => {
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const ordered = report.order.filter((id) => byId.has(id));
    const seen = new Set(ordered);
    return [...ordered, ...nodes.filter((n) => !seen.has(n.id)).map((n) => n.id)].map((id) => byId.get(id)!);
  }, [nodes, report.order]);

  const t = report.totals;
  const totalParams = t.trainable + t.nonTrainable;
  return (
    <div className="p-3" data-testid="model-summary">
      <table className="w-full table-fixed text-[11px]">
        <thead>
          <tr className="border-b border-slate-200 text-left text-[10px] tracking-wide text-slate-500 uppercase">
            <th className="w-[34%] py-1 font-medium">Layer</th>
            <th className="w-[22%] py-1 font-medium">Output</th>
            <th className="w-[16%] py-1 text-right font-medium">Params</th>
            <th className="w-[12%] py-1 text-right font-medium" title="Receptive field in input pixels">
              Field
            </th>
            <th className="w-[16%] py-1 text-right font-medium" title="Multiply-adds per image">
              MACs
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((node) => {
            const info = report.nodes[node.id];
            const issues = byNode.get(node.id);
            const params = info ? info.params.trainable + info.params.nonTrainable : 0;
            const error = issues?.some((i) => i.severity === 'error');
            return (
              <tr
                key={node.id}
                className={`cursor-pointer border-b border-slate-100 align-top hover:bg-slate-50 ${selectedId === node.id ? 'bg-indigo-50' : ''}`}
                onClick={() => api.getState().select([node.id])}
                data-testid="summary-row"
                data-node-id={node.id}
              >
                <td className="truncate py-1 pr-1" title={`${node.name} (${node.type})`}>
                  <span className="font-mono text-slate-800">{node.name}</span>
                  {issues && (
                    <span className={`ml-1 font-bold ${error ? 'text-red-600' : 'text-amber-500'}`} aria-label={error ? 'has an error' : 'has a warning'}>
                      !
                    </span>
                  )}
                  <span className="block truncate text-[10px] text-slate-500">{catalogEntry(node.type)?.label ?? node.type}</span>
                </td>
                <td className="truncate py-1 font-mono text-slate-700" data-testid="summary-shape">
                  {info?.shape ? formatShape(info.shape) : '?'}
                </td>
                <td className="py-1 text-right font-mono text-slate-700" title={formatCount(params)} data-testid="summary-params">
                  {formatCount(params)}
                </td>
                <td className="py-1 text-right font-mono text-slate-500">{info?.field ? info.field.size : '-'}</td>
                <td className="py-1 text-right font-mono text-slate-500">{info && info.macs > 0 ? formatCompact(info.macs) : '-'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>

      <dl className="mt-3 grid grid-cols-[1fr_auto] gap-x-3 gap-y-1 text-xs" data-testid="summary-totals">
        <dt className="text-slate-500">Total params</dt>
        <dd className="text-right font-mono font-semibold text-slate-900" data-testid="summary-total-params">
          {formatCount(totalParams)}
        </dd>
        <dt className="text-slate-500">Trainable</dt>
        <dd className="text-right font-mono text-slate-700">{formatCount(t.trainable)}</dd>
        <dt className="text-slate-500">Non-trainable</dt>
        <dd className="text-right font-mono text-slate-700">{formatCount(t.nonTrainable)}</dd>
        <dt className="text-slate-500">Weights (float32)</dt>
        <dd className="text-right font-mono text-slate-700">{formatBytes(totalParams * BYTES_PER_NUMBER)}</dd>
        <dt className="text-slate-500">Multiply-adds per image</dt>
        <dd className="text-right font-mono text-slate-700">{formatCompact(t.macs)}</dd>
        <dt className="flex items-center gap-1.5 text-slate-500">
          <span>Activations for a batch of</span>
          <input
            type="number"
            min={1}
            max={4096}
            step={1}
            value={batchSize}
            onChange={(e) => {
              const n = e.target.valueAsNumber;
              if (Number.isInteger(n) && n >= 1 && n <= 4096) api.getState().setSettings({ batchSize: n });
            }}
            className="w-14 rounded border border-slate-200 px-1 py-0.5 text-right font-mono text-xs focus:border-indigo-400 focus:outline-none"
            aria-label="Batch size for the activation memory"
            data-testid="summary-batch"
          />
        </dt>
        <dd className="text-right font-mono text-slate-700" data-testid="summary-activation-memory">
          {formatBytes(t.activationElements * batchSize * BYTES_PER_NUMBER)}
        </dd>
      </dl>
      <p className="mt-2 text-[10px] leading-snug text-slate-500">
        Activation memory is one forward pass in float32; training keeps them for the backward pass and needs about
        as much again for gradients.
      </p>
    </div>
  );
}
