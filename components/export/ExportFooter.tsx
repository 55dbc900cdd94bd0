'use client';

import { zipFiles } from '@/engine/export/zip';
import { formatBytes } from '../format';
import { formatCount } from '@/graph/issues';
import { downloadBlob } from '../training/download';
import { fileSize, type ExportView } from './exportView';
import { DownloadIcon } from './icons';

/** Totals of the export, Close, and Download .zip. */
export function ExportFooter({ view, fileName, onClose }: { view: ExportView | null; fileName: string; onClose: () => void }) {
  const ready = view?.status === 'ready' ? view : null;
  const download = () => {
    if (!ready) return;
    const zip = zipFiles(ready.files);
    downloadBlob(fileName, new Blob([zip.slice().buffer], { type: 'application/zip' }));
  };
  const params = ready ? ready.plan.totals.trainable + ready.plan.totals.nonTrainable : 0;
  const bytes = ready ? ready.files.reduce((n, f) => n + fileSize(f), 0) : 0;
  return (
    <div className="flex items-center gap-3 border-t border-slate-200 bg-slate-50 px-5 py-3">
      <p className="min-w-0 flex-1 truncate text-xs text-slate-500" data-testid="export-summary">
        {ready
          ? `${ready.plan.nodes.length} layers, ${formatCount(params)} parameters. ${ready.files.length} files, ${formatBytes(bytes)} before compression. Open README.md for how to run it.`
          : ''}
      </p>
      <span className="hidden font-mono text-xs text-slate-500 md:inline" data-testid="export-zip-name">
        {fileName}
      </span>
      <button type="button" className="btn" onClick={onClose}>
        Close
      </button>
      <button type="button" className="btn btn-primary" disabled={!ready} onClick={download} title={`Save ${fileName}: the code, the README${ready?.weights ? ' and the trained weights' : ''}`} data-testid="export-download">
        <DownloadIcon />
        Download .zip
      </button>
    </div>
  );
}
