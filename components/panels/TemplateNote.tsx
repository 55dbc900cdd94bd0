'use client';

import { templateById, templateNotes } from '@/graph/templates';
import { useAppStore, useAppStoreApi } from '../store/StoreProvider';

/**
 * The architecture note of the template just loaded, in the graph overview next to the graph it explains:
 * what VGG, ResNet, GoogLeNet's global average pooling or U-Net's skips contribute, in two or three
 * sentences. In the side panel rather than over the canvas, so it never hides a card. Closed with its
 * button; opening another graph replaces it.
 */
export function TemplateNote() {
  const api = useAppStoreApi();
  const template = useAppStore((s) => (s.templateNote ? templateById(s.templateNote) : undefined));
  // The note speaks of the graph's task now (the classes change when the task is switched).
  const taskId = useAppStore((s) => s.doc.task.id);
  if (!template) return null;
  return (
    <aside
      className="rounded-lg border border-indigo-100 bg-indigo-50/60 px-3 py-2.5 text-xs leading-relaxed text-slate-700"
      aria-label={`About the ${template.title} architecture`}
      data-testid="template-note"
    >
      <div className="mb-1 flex items-center gap-2">
        <h3 className="text-[10px] font-semibold tracking-wide text-indigo-700 uppercase">About this architecture</h3>
        <button
          type="button"
          className="ml-auto rounded px-1.5 text-base leading-none text-slate-500 hover:bg-white hover:text-slate-700"
          onClick={() => api.getState().setTemplateNote(null)}
          aria-label="Close the architecture note"
          title="Close"
          data-testid="template-note-close"
        >
          ×
        </button>
      </div>
      <p>{templateNotes(template, taskId)}</p>
    </aside>
  );
}
