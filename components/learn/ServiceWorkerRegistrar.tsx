'use client';

import { useEffect } from 'react';
import { registerServiceWorker } from './registerServiceWorker';

/**
 * Renders nothing; registers the offline service worker once the page has loaded, so installing it (which
 * downloads the whole build) does not compete with the first paint. Included once, in app/layout.tsx.
 */
export function ServiceWorkerRegistrar() {
  useEffect(() => {
    const register = () => {
      void registerServiceWorker().then((result) => {
        if (!result.registered && result.reason === 'failed') console.warn('Convas: offline support unavailable', result.error);
      });
    };
    if (document.readyState === 'complete') {
      register();
      return;
    }
    window.addEventListener('load', register, { once: true });
    return () => window.removeEventListener('load', register);
  }, []);
  return null;
}
