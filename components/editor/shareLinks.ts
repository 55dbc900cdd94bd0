import { sameDocument } from '@/graph/document';
import { decodeShareLink, SHARE_LINK_KEY, shareUrl } from '@/graph/document';
import type { AppStore } from '../store/createAppStore';

/**
 * Share links in the editor: make one for the current graph, and open the one in the page's address
 * (`#graph=g1...`) on load or when the hash changes. Opening never replaces work silently: when the
 * current graph is the user's own (restored, edited) and differs from the link's, the user is asked.
 */

/** True when a location hash carries a share link (`#graph=g1...`, or the bare `#g1...`). */
export function isShareHash(hash: string): boolean {
  return new RegExp(`(^#?|[#&])${SHARE_LINK_KEY}=`).test(hash) || /^#g\d+\./.test(hash);
}

/** The link to the current graph. */
export function currentShareUrl(store: AppStore): string {
  return shareUrl(window.location.href, store.getState().doc);
}

/** Remove the hash from the address without a reload or a history entry (a reload must not reopen it). */
function clearHash(): void {
  const { pathname, search } = window.location;
  window.history.replaceState(window.history.state, '', pathname + search);
}

/**
 * Open the share link in the page's hash, if any. `isOwnWork` says whether the current graph is work the
 * user would lose (a restored or edited graph rather than the untouched default); then a confirm dialog
 * asks first. Bad links show their error and change nothing. Returns whether a graph was opened.
 */
export async function openShareLinkFromLocation(store: AppStore, isOwnWork: () => boolean): Promise<boolean> {
  const hash = window.location.hash;
  if (!isShareHash(hash)) return false;
  clearHash();
  const result = decodeShareLink(hash);
  const s = store.getState();
  if (!result.ok) {
    s.notify(`${result.error} Your graph was not changed.`, 'error');
    return false;
  }
  if (sameDocument(s.doc, result.doc)) return false;
  const title = result.doc.name ? `"${result.doc.name}"` : 'the shared graph';
  if (isOwnWork()) {
    const ok = await s.askConfirm({
      title: 'Open the shared graph?',
      message: `The link holds ${title} (${result.doc.nodes.length} layers). Opening it replaces the graph you are working on; you can get yours back with Undo (Ctrl+Z) or save it to a file first.`,
      confirmLabel: 'Open shared graph',
      cancelLabel: 'Keep my graph',
    });
    if (!ok) {
      store.getState().notify('Kept your graph; the shared graph was not opened.', 'info');
      return false;
    }
  }
  if (!store.getState().loadDocument(result.doc)) return false;
  store.getState().notify(`Opened ${title} from the link.`, 'success');
  for (const w of result.warnings) store.getState().notify(w, 'info');
  return true;
}
