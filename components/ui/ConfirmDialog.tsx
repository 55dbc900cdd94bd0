'use client';

import { useEffect, useRef } from 'react';
import { useAppStore, useAppStoreApi } from '../store/StoreProvider';

/**
 * The store's pending question as a modal dialog (e.g. "Open the shared graph?"). Escape or the cancel
 * button declines; focus starts on the safe choice (cancel).
 */
export function ConfirmDialog() {
  const api = useAppStoreApi();
  const request = useAppStore((s) => s.confirmRequest);
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (request) cancelRef.current?.focus();
  }, [request]);
  if (!request) return null;
  const answer = (ok: boolean) => api.getState().answerConfirm(ok);
  return (
    <div
      className="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/30 p-4"
      onKeyDown={(e) => {
        if (e.key === 'Escape') answer(false);
      }}
    >
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby="confirm-title"
        aria-describedby="confirm-message"
        className="w-full max-w-md rounded-xl bg-white p-5 shadow-2xl"
        data-testid="confirm-dialog"
      >
        <h2 id="confirm-title" className="text-base font-semibold text-slate-900">
          {request.title}
        </h2>
        <p id="confirm-message" className="mt-2 text-sm leading-relaxed text-slate-600">
          {request.message}
        </p>
        <div className="mt-5 flex justify-end gap-2">
          <button ref={cancelRef} type="button" className="btn" onClick={() => answer(false)} data-testid="confirm-cancel">
            {request.cancelLabel}
          </button>
          <button type="button" className="btn btn-primary" onClick={() => answer(true)} data-testid="confirm-ok">
            {request.confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
