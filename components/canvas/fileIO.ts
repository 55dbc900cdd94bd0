import { DOCUMENT_LIMITS, parseDocument, serializeDocument } from '@/graph/document';
import type { GraphDocument } from '@/graph/types';
import type { AppStore } from '../store/createAppStore';

/**
 * Files: save the document as .json, open one (file picker or dropped on the canvas). A bad file shows
 * what is wrong and leaves the current graph as it is; a good one replaces it as one undo step.
 */

/** A file name for a document: its name in lower-case words joined by dashes, `.json`. */
export function documentFileName(doc: GraphDocument): string {
  const stem = (doc.name ?? 'convas-graph')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${stem || 'convas-graph'}.json`;
}

/** Download the document as a .json file. */
export function saveDocumentFile(doc: GraphDocument): void {
  const blob = new Blob([serializeDocument(doc)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = documentFileName(doc);
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoke later: some browsers start the download asynchronously.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Load document text into the store, or show why not. `what` names the source in messages ("graph.json",
 * "the share link"). Returns whether the document was loaded.
 */
export function openDocumentText(store: AppStore, text: string, what: string): boolean {
  const s = store.getState();
  const parsed = parseDocument(text);
  if (!parsed.ok) {
    s.notify(`Could not open ${what}: ${parsed.error} Your graph was not changed.`, 'error');
    return false;
  }
  if (!s.loadDocument(parsed.doc)) return false;
  const title = parsed.doc.name ? `"${parsed.doc.name}"` : what;
  s.notify(`Opened ${title}. Press Ctrl+Z to go back to your previous graph.`, 'success');
  for (const w of parsed.warnings) s.notify(w, 'info');
  return true;
}

/** Read a user's file and load it (size checked before reading, so a huge file cannot freeze the tab). */
export async function openDocumentFile(store: AppStore, file: File): Promise<boolean> {
  if (file.size > DOCUMENT_LIMITS.maxChars) {
    store
      .getState()
      .notify(`Could not open ${file.name}: it is ${(file.size / 1e6).toFixed(1)} MB, too large to be a Convas graph. Your graph was not changed.`, 'error');
    return false;
  }
  let text: string;
  try {
    text = await file.text();
  } catch {
    store.getState().notify(`Could not read ${file.name}. Your graph was not changed.`, 'error');
    return false;
  }
  return openDocumentText(store, text, file.name);
}
