'use client';

import { useMemo } from 'react';
import type { ExportFile } from '@/engine/export';
import { formatBytes } from '../format';
import { binaryInfo } from './binaryInfo';
import { highlight, languageOf, type Language } from './highlight';

const LANGUAGE_LABEL: Record<Language, string> = { python: 'Python', javascript: 'JavaScript', markdown: 'Markdown', text: 'Text' };

/**
 * The text a file shows: its content, except one-line JSON (model.json), which is shown indented so it can
 * be read. Copy and the zip keep the file exactly as generated.
 */
export function displayText(file: ExportFile): { text: string; indented: boolean } {
  const content = typeof file.content === 'string' ? file.content : '';
  if (file.path.endsWith('.json') && !content.trimEnd().includes('\n')) {
    try {
      return { text: `${JSON.stringify(JSON.parse(content), null, 2)}\n`, indented: true };
    } catch {
      // Not JSON after all: show it as it is.
    }
  }
  return { text: content, indented: false };
}

/** A label for a file's kind: "Python", "JSON", "Binary". */
export function fileKind(file: ExportFile): string {
  if (typeof file.content !== 'string') return 'Binary';
  if (file.path.endsWith('.json')) return 'JSON';
  return LANGUAGE_LABEL[languageOf(file.path)];
}

/** A text file, highlighted, with line numbers in a gutter that stays put while the code scrolls sideways. */
function CodeView({ file }: { file: ExportFile }) {
  const { text } = useMemo(() => displayText(file), [file]);
  const language = languageOf(file.path);
  const code = useMemo(() => highlight(text, language), [text, language]);
  const lines = useMemo(() => {
    const n = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    return Array.from({ length: Math.max(1, n) }, (_, i) => i + 1).join('\n');
  }, [text]);
  return (
    <div className="min-h-0 flex-1 overflow-auto bg-white" data-testid="export-code-scroll">
      <div className="flex min-w-max font-mono text-[12.5px] leading-[1.6]">
        <pre aria-hidden className="sticky left-0 shrink-0 border-r border-slate-100 bg-slate-50/95 py-3 pr-3 pl-4 text-right text-slate-500 select-none">
          {lines}
        </pre>
        <pre className="py-3 pr-6 pl-4 text-slate-800" data-testid="export-code" data-language={language} tabIndex={0} aria-label={`Contents of ${file.path}`}>
          <code>{code}</code>
        </pre>
      </div>
    </div>
  );
}

/** A binary file: what it is, its size and the tensors it holds. */
function BinaryView({ file, files }: { file: ExportFile; files: readonly ExportFile[] }) {
  const info = useMemo(() => binaryInfo(file, files), [file, files]);
  const bytes = typeof file.content === 'string' ? 0 : file.content.length;
  const values = info.tensors.reduce((n, t) => n + t.shape.reduce((a, b) => a * b, 1), 0);
  return (
    <div className="min-h-0 flex-1 overflow-auto bg-white p-5" data-testid="export-binary">
      <p className="max-w-2xl text-sm leading-relaxed text-slate-700">{info.description}</p>
      <p className="mt-1 text-xs text-slate-500">
        {formatBytes(bytes)} binary{info.tensors.length > 0 ? `, ${info.tensors.length} tensors, ${values.toLocaleString('en-US')} values` : ''}. Not shown as text; it is
        in the .zip.
      </p>
      {info.tensors.length > 0 && (
        <table className="mt-4 w-full max-w-3xl text-left font-mono text-xs">
          <thead>
            <tr className="border-b border-slate-200 text-[11px] tracking-wide text-slate-500 uppercase">
              <th className="py-1.5 pr-4 font-sans font-medium">Tensor</th>
              <th className="py-1.5 pr-4 font-sans font-medium">Type</th>
              <th className="py-1.5 font-sans font-medium">Shape</th>
            </tr>
          </thead>
          <tbody>
            {info.tensors.map((t) => (
              <tr key={t.name} className="border-b border-slate-100 text-slate-700">
                <td className="py-1 pr-4">{t.name}</td>
                <td className="py-1 pr-4 text-slate-500">{t.dtype}</td>
                <td className="py-1">{t.shape.length ? t.shape.join(' x ') : 'scalar'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** The selected file: highlighted code, or a description for binary files. */
export function FileView({ file, files }: { file: ExportFile; files: readonly ExportFile[] }) {
  return typeof file.content === 'string' ? <CodeView file={file} /> : <BinaryView file={file} files={files} />;
}
