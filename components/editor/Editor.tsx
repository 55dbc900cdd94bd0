'use client';

import { useReactFlow } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, type ReactNode } from 'react';
import { Canvas } from '../canvas/Canvas';
import { useReadableFit } from '../canvas/useReadableFit';
import { Palette } from '../panels/Palette';
import { SidePanel } from '../panels/SidePanel';
import { StoreProvider, useAppStore, useAppStoreApi } from '../store/StoreProvider';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { Toasts } from '../ui/Toasts';
import { ClassBoardProvider } from '../workshop/classBoard/ClassBoardProvider';
import { LessonBanner } from '../workshop/LessonBanner';
import { openLessonLinkFromLocation } from '../workshop/lessonLinks';
import { LessonLocksProvider } from '../workshop/LessonLocks';
import { isHidden } from '../store/lessonSlice';
import type { Boot } from './boot';
import { openDocumentFile, saveDocumentFile } from '../canvas/fileIO';
import { Header } from './Header';
import { openShareLinkFromLocation } from './shareLinks';
import { sameDocument } from '@/graph/document';
import { useAutosave } from './useAutosave';
import { useImportedWeightsStore } from './useImportedWeightsStore';
import { useShortcuts, type ShortcutHandlers } from './useShortcuts';

/** The editor with its store: created once from the boot state. */
export function Editor(props: { boot: Boot; trainSlot?: ReactNode; bottomPanel?: ReactNode; isolation: ReactNode }) {
  return (
    <StoreProvider init={() => props.boot.init}>
      <ClassBoardProvider>
        <EditorLayout {...props} />
      </ClassBoardProvider>
    </StoreProvider>
  );
}

function EditorLayout({ boot, trainSlot, bottomPanel, isolation }: { boot: Boot; trainSlot?: ReactNode; bottomPanel?: ReactNode; isolation: ReactNode }) {
  const api = useAppStoreApi();
  const flow = useReactFlow();
  const fit = useReadableFit();
  const fileInput = useRef<HTMLInputElement>(null);
  const client = useRef<{ x: number; y: number } | null>(null);

  useAutosave(api, !boot.scratch);
  useImportedWeightsStore(api, !boot.scratch);
  const paletteHidden = useAppStore((s) => isHidden(s, 'palette'));

  const save = useCallback(() => {
    saveDocumentFile(api.getState().doc);
    api.getState().notify('Saved the graph as a .json file (see your downloads).', 'success');
  }, [api]);
  const open = useCallback(() => fileInput.current?.click(), []);

  const handlers = useMemo<ShortcutHandlers>(
    () => ({
      save,
      open,
      fitView: () => fit({ duration: 200 }),
      pointer: () => (client.current ? flow.screenToFlowPosition(client.current) : null),
    }),
    [fit, flow, open, save],
  );
  useShortcuts(api, handlers);

  useEffect(() => {
    if (boot.note) api.getState().notify(boot.note, 'error');
    // Any graph but the untouched default is work a link must not replace without asking.
    const isOwnWork = () => !sameDocument(api.getState().doc, boot.pristine);
    const openFromHash = () => {
      void openShareLinkFromLocation(api, isOwnWork);
      void openLessonLinkFromLocation(api, isOwnWork);
    };
    openFromHash();
    window.addEventListener('hashchange', openFromHash);
    return () => window.removeEventListener('hashchange', openFromHash);
  }, [api, boot]);

  return (
    <LessonLocksProvider>
      <Header onOpenFile={open} onSaveFile={save} trainSlot={trainSlot} isolation={isolation} />
      <LessonBanner />
      <div className="flex min-h-0 flex-1">
        {!paletteHidden && <Palette />}
        <div className="flex min-w-0 flex-1 flex-col">
          <main
            className="relative min-h-0 flex-1 bg-slate-100"
            data-testid="canvas-area"
            aria-label="Model canvas"
            onPointerMove={(e) => {
              client.current = { x: e.clientX, y: e.clientY };
            }}
            onPointerLeave={() => {
              client.current = null;
            }}
          >
            <Canvas />
            <Toasts />
          </main>
          {bottomPanel}
        </div>
        <SidePanel />
      </div>
      <ConfirmDialog />
      <input
        ref={fileInput}
        type="file"
        accept=".json,application/json"
        className="hidden"
        aria-label="Open a graph file"
        data-testid="open-file-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void openDocumentFile(api, file);
        }}
      />
    </LessonLocksProvider>
  );
}
