'use client';

import { useEffect, useState } from 'react';
import type { ExportFile } from '@/engine/export';
import { formatBytes } from '../format';
import { copyText } from './copyText';
import { fileSize, lineCount } from './exportView';
import { fileKind } from './FileView';
import { CheckIcon, CodeFileIcon, CopyIcon, DocFileIcon, WeightsFileIcon } from './icons';

const WEIGHT_FILE = /\.(safetensors|npz|bin)$/;

/** How long "Copied" shows on the button. */
const COPIED_MS = 2000;

function fileIcon(file: ExportFile) {
  if (WEIGHT_FILE.test(file.path) || file.path === 'model.json') return <WeightsFileIcon />;
  return file.path.endsWith('.md') ? <DocFileIcon /> : <CodeFileIcon />;
}

/** The export's files; the chosen one is shown on the right. */
export function FileList({ files, current, onSelect }: { files: readonly ExportFile[]; current: string; onSelect: (path: string) => void }) {
  return (
    <nav className="w-60 shrink-0 overflow-y-auto border-r border-slate-200 bg-slate-50 p-3" aria-label="Files">
      <h3 className="px-2 pb-2 text-[11px] font-semibold tracking-wide text-slate-500 uppercase">Files in the .zip</h3>
      <ul className="space-y-0.5" data-testid="export-files">
        {files.map((f) => {
          const active = f.path === current;
          const meta = typeof f.content === 'string' ? `${lineCount(f.content)} lines, ${formatBytes(fileSize(f))}` : `binary, ${formatBytes(fileSize(f))}`;
          return (
            <li key={f.path}>
              <button
                type="button"
                onClick={() => onSelect(f.path)}
                aria-current={active ? 'true' : undefined}
                className={`flex w-full items-start gap-2 rounded-md px-2 py-1.5 text-left ${
                  active ? 'bg-white text-indigo-700 shadow-sm ring-1 ring-slate-200' : 'text-slate-700 hover:bg-white/70'
                }`}
                data-testid="export-file"
                data-path={f.path}
              >
                <span className={`mt-0.5 ${active ? 'text-indigo-500' : 'text-slate-500'}`}>{fileIcon(f)}</span>
                <span className="min-w-0">
                  <span className="block truncate font-mono text-[13px]">{f.path}</span>
                  <span className="block text-[11px] text-slate-500">{meta}</span>
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/** Name, kind and size of the shown file, and Copy. */
export function FileHeader({ file }: { file: ExportFile }) {
  const [copied, setCopied] = useState<{ path: string; ok: boolean } | null>(null);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(null), COPIED_MS);
    return () => clearTimeout(timer);
  }, [copied]);
  const text = typeof file.content === 'string';
  const state = copied?.path === file.path ? (copied.ok ? 'copied' : 'failed') : 'idle';
  const indented = text && file.path.endsWith('.json') && !(file.content as string).trimEnd().includes('\n');
  return (
    <div className="flex items-center gap-3 border-b border-slate-200 bg-white px-4 py-2">
      <span className="font-mono text-sm font-medium text-slate-800" data-testid="export-file-name">
        {file.path}
      </span>
      <span className="rounded bg-slate-100 px-1.5 py-0.5 text-[11px] font-medium text-slate-600">{fileKind(file)}</span>
      {indented && <span className="text-xs text-slate-500">shown indented; the file is one line</span>}
      <span className="ml-auto sr-only" aria-live="polite">
        {state === 'copied' ? `${file.path} copied to the clipboard` : state === 'failed' ? 'Copying failed' : ''}
      </span>
      <button
        type="button"
        className={`btn ml-auto ${state === 'copied' ? 'text-emerald-700 ring-emerald-300' : ''}`}
        disabled={!text}
        title={text ? `Copy ${file.path} to the clipboard` : 'Binary files are in the .zip'}
        onClick={async () => {
          const ok = await copyText(file.content as string);
          setCopied({ path: file.path, ok });
        }}
        data-testid="export-copy"
        data-state={state}
      >
        {state === 'copied' ? <CheckIcon /> : <CopyIcon />}
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed: select the text' : 'Copy'}
      </button>
    </div>
  );
}
