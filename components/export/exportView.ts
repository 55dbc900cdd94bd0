import { exportGraph, ExportError, type ExportFile, type ExportOptions, type ExportPlan, type ExportTarget } from '@/engine/export';

/** What the dialog shows for one target: the files, or why there are none. */
export type ExportView =
  | {
      status: 'ready';
      files: ExportFile[];
      plan: ExportPlan;
      /** True when the trained weights are among the files. */
      weights: boolean;
      /** Set when weights were given but did not fit the graph: the files are then exported without them. */
      weightsError?: string;
    }
  | { status: 'invalid'; messages: string[] }
  | { status: 'failed'; message: string };

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Runs the exporter for the dialog and never throws: a graph with errors gives `invalid` with validation's
 * messages; weights that do not fit the graph are left out (with the reason) rather than losing the code.
 */
export function runExport(doc: Parameters<typeof exportGraph>[0], target: ExportTarget, options: ExportOptions = {}): ExportView {
  let weightsError: string | undefined;
  if (options.weights) {
    try {
      const { files, plan } = exportGraph(doc, target, options);
      return { status: 'ready', files, plan, weights: true };
    } catch (error) {
      if (error instanceof ExportError) return { status: 'invalid', messages: error.issues };
      weightsError = messageOf(error);
    }
  }
  try {
    const { files, plan } = exportGraph(doc, target, { ...options, weights: undefined });
    return { status: 'ready', files, plan, weights: false, ...(weightsError ? { weightsError } : {}) };
  } catch (error) {
    if (error instanceof ExportError) return { status: 'invalid', messages: error.issues };
    return { status: 'failed', message: messageOf(error) };
  }
}

/** Size of a file in bytes (text as UTF-8, as it goes into the zip). */
export function fileSize(file: ExportFile): number {
  return typeof file.content === 'string' ? new TextEncoder().encode(file.content).length : file.content.length;
}

/** Lines of a text file (a final newline does not start another line). */
export function lineCount(text: string): number {
  if (!text) return 0;
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}
