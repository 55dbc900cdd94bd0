'use client';

import { useEffect, useState } from 'react';

/**
 * The editor page frame: header, canvas area and side panel. The canvas and panels plug into it.
 */
export function EditorShell() {
  const [isolated, setIsolated] = useState<boolean | null>(null);
  useEffect(() => setIsolated(globalThis.crossOriginIsolated === true), []);

  return (
    <div className="flex h-screen flex-col" data-testid="editor-shell">
      <header className="flex h-12 shrink-0 items-center gap-3 border-b border-slate-200 bg-white px-4">
        <span className="text-lg font-semibold tracking-tight text-slate-900">Convas</span>
        <span className="text-sm text-slate-500">CNNs for medical images, in your browser</span>
        <span className="ml-auto text-xs text-slate-400" data-testid="isolation-status">
          {isolated === null ? '' : isolated ? 'isolated' : 'not isolated'}
        </span>
      </header>
      <div className="flex min-h-0 flex-1">
        <main className="relative flex-1 bg-slate-100" data-testid="canvas-area" aria-label="Model canvas" />
        <aside className="w-80 shrink-0 border-l border-slate-200 bg-white p-4" data-testid="side-panel" aria-label="Side panel">
          <h2 className="text-sm font-semibold text-slate-700">Inspector</h2>
        </aside>
      </div>
    </div>
  );
}
