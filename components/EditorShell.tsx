'use client';

import { ReactFlowProvider } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useEffect, useState, type ReactNode } from 'react';
import { canvasView } from './canvas/viewAspect';
import { bootEditor, type Boot } from './editor/boot';
import { Editor } from './editor/Editor';
import { browserStorage } from './browserStorage';

/** Optional content other parts of the app plug into the editor frame. */
export interface EditorSlots {
  /** Training controls, shown at the right of the header (e.g. a Train button). */
  trainSlot?: ReactNode;
  /** A panel under the canvas (training curves, confusion matrix...). */
  bottomPanel?: ReactNode;
}

/**
 * The editor page frame: header, palette, canvas and side panel. The editor state is created in the
 * browser after mount (it restores the autosave from localStorage, which the static prerender cannot see),
 * so the prerendered page shows the frame and the editor fills it in.
 */
export function EditorShell({ trainSlot, bottomPanel }: EditorSlots = {}) {
  const [boot, setBoot] = useState<Boot | null>(null);
  const [isolated, setIsolated] = useState<boolean | null>(null);
  useEffect(() => {
    setIsolated(globalThis.crossOriginIsolated === true);
    // Blocked storage (some privacy modes): the editor still works, without autosave restore.
    const scratch = new URLSearchParams(window.location.search).has('view');
    setBoot(scratch ? { ...bootEditor(null, canvasView()), scratch } : bootEditor(browserStorage(), canvasView()));
  }, []);

  const isolation = (
    <span
      className="hidden text-[10px] whitespace-nowrap text-slate-500 min-[1440px]:inline"
      data-testid="isolation-status"
      data-isolated={isolated === null ? undefined : String(isolated)}
      title={
        isolated === false
          ? 'Training runs on one CPU core: the page is not cross-origin isolated (open it from localhost or https, served with the isolation headers) so the fast multi-threaded backend is unavailable'
          : 'Training can use several CPU cores (the page is cross-origin isolated, which the fast WebAssembly backend needs)'
      }
    >
      {isolated === null ? '' : isolated ? 'multi-core training' : 'single-core training'}
    </span>
  );

  return (
    <div className="flex h-screen flex-col overflow-hidden bg-slate-50" data-testid="editor-shell">
      {boot ? (
        <ReactFlowProvider>
          <Editor boot={boot} trainSlot={trainSlot} bottomPanel={bottomPanel} isolation={isolation} />
        </ReactFlowProvider>
      ) : (
        <>
          <header className="flex h-12 shrink-0 items-center gap-3 border-b border-slate-200 bg-white px-4">
            <h1 className="text-lg font-semibold tracking-tight text-slate-900">Convas</h1>
            <span className="ml-auto">{isolation}</span>
          </header>
          <div className="flex min-h-0 flex-1">
            <main className="relative flex-1 bg-slate-100" data-testid="canvas-area" aria-label="Model canvas" aria-busy="true" />
            <aside className="w-[18rem] shrink-0 border-l border-slate-200 bg-white xl:w-[22rem]" data-testid="side-panel" aria-label="Side panel" />
          </div>
        </>
      )}
    </div>
  );
}
