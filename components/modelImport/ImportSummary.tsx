'use client';

import { FORMAT_LABELS, type ImportedModel } from '@/engine/import';
import { taskInfo } from '@/graph/tasks';

/**
 * What an import brought along, before it is opened: the format, layers and weights counts, the task, each
 * layer that did not come along (name, type and why), and the importer's notes.
 */
export function ImportSummary({ model }: { model: ImportedModel }) {
  const s = model.summary;
  const task = taskInfo(model.doc.task.id);
  return (
    <div className="space-y-3 text-sm text-slate-700" data-testid="model-import-summary">
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        <dt className="text-slate-500">Format</dt>
        <dd>{FORMAT_LABELS[s.format]}</dd>
        <dt className="text-slate-500">Layers</dt>
        <dd data-testid="model-import-layers">
          {s.imported} of {s.layers} imported{s.omitted.length > 0 ? `, ${s.omitted.length} left out on purpose` : ''}, as {model.doc.nodes.length} nodes
        </dd>
        <dt className="text-slate-500">Weights</dt>
        <dd data-testid="model-import-weights">
          {s.withWeights} of {s.weighted} weighted layers ({s.parameters.toLocaleString('en-US')} numbers)
        </dd>
        <dt className="text-slate-500">Task</dt>
        <dd>
          {task?.title ?? model.doc.task.id}
          {model.doc.task.maskMode === 'multiclass' ? ', multi-class masks' : ''}
        </dd>
      </dl>
      {s.unsupported.length > 0 && (
        <div className="rounded-lg border border-amber-200 bg-amber-50 p-3" data-testid="model-import-unsupported">
          <p className="font-medium text-amber-900">
            {s.unsupported.length} layer{s.unsupported.length === 1 ? '' : 's'} could not be imported. Each is bridged: the next layer reads its input. Rebuild it from the palette
            where it matters.
          </p>
          <ul className="mt-2 max-h-40 space-y-1 overflow-auto">
            {s.unsupported.map((u) => (
              <li key={u.name}>
                <span className="font-mono text-amber-950">{u.name}</span> <span className="text-amber-800">({u.type})</span>: {u.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
      {s.omitted.length > 0 && (
        <details className="rounded-lg border border-slate-200 bg-slate-50 p-3" data-testid="model-import-omitted">
          <summary className="cursor-pointer font-medium text-slate-800">
            {s.omitted.length} layer{s.omitted.length === 1 ? '' : 's'} left out on purpose: they act only in training, or Convas does their work
          </summary>
          <ul className="mt-2 max-h-40 space-y-1 overflow-auto">
            {s.omitted.map((o) => (
              <li key={o.name}>
                <span className="font-mono text-slate-900">{o.name}</span> <span className="text-slate-500">({o.type})</span>: {o.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
      {s.notes.length > 0 && (
        <ul className="list-disc space-y-1 pl-5 text-slate-600" data-testid="model-import-notes">
          {s.notes.map((n, i) => (
            <li key={i}>{n}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
