/**
 * Registers public/sw.js, the service worker that makes Convas work offline after the first load.
 * Only in production builds (in `next dev` it would cache development chunks and serve stale code) and
 * only where the browser allows service workers: a secure context, i.e. https or localhost. Participants
 * opening a facilitator's laptop over plain http on the local network get no offline copy (and no
 * cross-origin isolation either); the app still works online.
 */

/** Why registration did or did not happen, for logs and tests. */
export type RegistrationResult =
  | { registered: true; registration: ServiceWorkerRegistration }
  | { registered: false; reason: 'development' | 'unsupported' | 'insecure' | 'failed'; error?: unknown };

/**
 * Registers /sw.js for the whole origin. Resolves once registered (not once activated: the worker then
 * installs in the background and, with clients.claim, takes control of this page when it activates).
 */
export async function registerServiceWorker(scriptUrl = '/sw.js'): Promise<RegistrationResult> {
  if (process.env.NODE_ENV !== 'production') return { registered: false, reason: 'development' };
  if (typeof window === 'undefined' || !('serviceWorker' in navigator)) return { registered: false, reason: 'unsupported' };
  if (!window.isSecureContext) return { registered: false, reason: 'insecure' };
  try {
    const registration = await navigator.serviceWorker.register(scriptUrl, { scope: '/' });
    return { registered: true, registration };
  } catch (error) {
    return { registered: false, reason: 'failed', error };
  }
}
