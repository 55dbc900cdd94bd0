'use client';

import { templateById } from '@/graph/templates';
import { useAppStore, useAppStoreApi } from '../store/StoreProvider';

/**
 * The architecture note of the template just loaded, in the canvas's top-left corner: what VGG, ResNet,
 * GoogLeNet's global average pooling or U-Net's skips contribute, in two or three sentences, next to the
 * graph that shows it. Closed with its button; opening another graph replaces it. Clicks other than on
 * the button pass through to the cards under it.
 */
export function TemplateNote() {
  const api = useAppStoreApi();
  const template = useAppStore((s) => (s.templateNote ? templateById(s.templateNote) : undefined));
  if (!template) return null;
  return (
    <aside
      className="pointer-events-none absolute top-3 left-3 z-10 max-w-sm rounded-lg border border-indigo-100 bg-white/95 px-4 py-3 text-xs leading-relaxed text-slate-600 shadow-md"
      aria-label={`About the ${template.title} template`}
      data-testid="template-note"
    >
      <div className="mb-1 flex items-center gap-2">
        <span className="rounded bg-indigo-50 px-1.5 py-0.5 text-[10px] font-semibold tracking-wide text-indigo-700 uppercase">Architecture</span>
        <h2 className="text-sm font-semibold text-slate-800">{template.title}</h2>
        <button
          type="button"
          className="pointer-events-auto ml-auto rounded px-1.5 text-base leading-none text-slate-400 hover:bg-slate-100 hover:text-slate-700"
          onClick={() => api.getState().setTemplateNote(null)}
          aria-label="Close the architecture note"
          title="Close"
          data-testid="template-note-close"
        >
          ×
        </button>
      </div>
      <p>{template.notes}</p>
    </aside>
  );
}
