'use client';

import { useEffect } from 'react';
import { useAppStore, useAppStoreApi } from '../store/StoreProvider';
import type { Toast } from '../store/uiSlice';

/** How long a toast stays, by kind (errors stay longer: they explain what went wrong), ms. */
const DURATION_MS: Record<Toast['kind'], number> = { info: 4000, success: 3500, error: 8000 };

const KIND_CLASS: Record<Toast['kind'], string> = {
  info: 'border-slate-200 bg-white text-slate-800',
  success: 'border-emerald-200 bg-emerald-50 text-emerald-900',
  error: 'border-red-200 bg-red-50 text-red-900',
};

/** Messages at the bottom of the canvas, clear of the graph's first row: refused connections, opened files. */
export function Toasts() {
  const toasts = useAppStore((s) => s.toasts);
  return (
    <div className="pointer-events-none absolute inset-x-0 bottom-4 z-20 flex flex-col items-center gap-2 px-4" aria-live="polite">
      {toasts.map((t) => (
        <ToastItem key={t.id} toast={t} />
      ))}
    </div>
  );
}

function ToastItem({ toast }: { toast: Toast }) {
  const api = useAppStoreApi();
  useEffect(() => {
    // A toast with an Undo button stays long enough to read it and decide.
    const id = setTimeout(() => api.getState().dismissToast(toast.id), toast.action ? 10_000 : DURATION_MS[toast.kind]);
    return () => clearTimeout(id);
  }, [api, toast.id, toast.kind, toast.action]);
  return (
    <div
      role={toast.kind === 'error' ? 'alert' : 'status'}
      className={`pointer-events-auto flex max-w-md items-start gap-3 rounded-lg border px-4 py-2.5 text-sm shadow-lg ${KIND_CLASS[toast.kind]}`}
      data-testid="toast"
      data-kind={toast.kind}
    >
      <p className="leading-snug">{toast.message}</p>
      {toast.action === 'undo' && (
        <button
          type="button"
          className="shrink-0 rounded px-1.5 font-semibold underline underline-offset-2 hover:bg-white/60"
          onClick={() => {
            api.getState().undo();
            api.getState().dismissToast(toast.id);
          }}
          data-testid="toast-undo"
        >
          Undo
        </button>
      )}
      <button
        type="button"
        className="-mr-1 ml-auto shrink-0 rounded px-1 text-lg leading-none opacity-60 hover:opacity-100"
        onClick={() => api.getState().dismissToast(toast.id)}
        aria-label="Dismiss message"
      >
        ×
      </button>
    </div>
  );
}
