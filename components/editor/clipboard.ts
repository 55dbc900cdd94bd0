import { isLikelyDocumentText } from '@/graph/document';
import type { AppStore } from '../store/createAppStore';

/**
 * Copy and paste of nodes as a graph document, so they travel between tabs and windows (and into a text
 * editor as a valid .json). The system clipboard is used through the browser's copy/paste events, which need
 * no permission; localStorage (shared by the tabs of this site) is the fallback when the event carries no
 * data, and navigator.clipboard serves the menu commands.
 */

/** localStorage key of the last copied graph: the cross-tab fallback. */
export const CLIPBOARD_KEY = 'convas.clipboard.v1';

function rememberCopy(text: string): void {
  try {
    localStorage.setItem(CLIPBOARD_KEY, text);
  } catch {
    // Storage full or blocked: the system clipboard still has it.
  }
}

function rememberedCopy(): string | null {
  try {
    return localStorage.getItem(CLIPBOARD_KEY);
  } catch {
    return null;
  }
}

/** Copy the selection into a ClipboardEvent (Ctrl+C). Returns whether something was copied. */
export function copyToEvent(store: AppStore, e: ClipboardEvent): boolean {
  const text = store.getState().copySelection();
  if (!text) return false;
  e.clipboardData?.setData('text/plain', text);
  e.preventDefault();
  rememberCopy(text);
  return true;
}

/**
 * Paste from a ClipboardEvent (Ctrl+V): a graph document is pasted at `at`; no text at all falls back to
 * the last graph copied in any tab of this site; other text is left alone with a note.
 */
export function pasteFromEvent(store: AppStore, e: ClipboardEvent, at?: { x: number; y: number }): boolean {
  const text = e.clipboardData?.getData('text/plain') ?? '';
  if (text.trim() === '') {
    const fallback = rememberedCopy() ?? store.getState().clipboard;
    if (!fallback) return false;
    e.preventDefault();
    return store.getState().paste(fallback, at);
  }
  if (!isLikelyDocumentText(text)) {
    store.getState().notify('The clipboard holds text, not Convas layers: copy nodes with Ctrl+C first.', 'info');
    return false;
  }
  e.preventDefault();
  return store.getState().paste(text, at);
}

/** Menu command: copy the selection through navigator.clipboard (falls back to the shared local copy). */
export async function copyWithApi(store: AppStore): Promise<boolean> {
  const text = store.getState().copySelection();
  if (!text) {
    store.getState().notify('Select the nodes to copy first.', 'info');
    return false;
  }
  rememberCopy(text);
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // Permission denied or insecure context: other tabs still get it through localStorage.
  }
  return true;
}

/** Menu command: paste through navigator.clipboard, or the shared local copy when it cannot be read. */
export async function pasteWithApi(store: AppStore, at?: { x: number; y: number }): Promise<boolean> {
  let text: string | null = null;
  try {
    text = await navigator.clipboard.readText();
  } catch {
    text = null;
  }
  if (!text || !isLikelyDocumentText(text)) text = rememberedCopy() ?? store.getState().clipboard;
  if (!text) {
    store.getState().notify('Nothing to paste: copy some nodes first.', 'info');
    return false;
  }
  return store.getState().paste(text, at);
}
