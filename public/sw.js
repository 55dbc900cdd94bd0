/*
 * Convas service worker: after the first visit the app opens and trains with the network off.
 * Plain JS, no workbox. Strategies:
 *   - install: precache every file of the static build (the list below, written by the build) and
 *     take over at once (skipWaiting + clients.claim), so the first load already installs everything;
 *   - /_next/static/** (content-hashed) and /wasm/** (tfjs binaries, fixed per build): cache first;
 *   - navigations and everything else of this origin: network first, the cache when offline.
 * Every response it returns carries the cross-origin isolation headers (COOP/COEP/CORP), re-wrapped
 * if need be, so the page stays crossOriginIsolated (SharedArrayBuffer for the wasm backend) offline.
 * X-Convas-SW says where a response came from ('network' or 'cache'), for tests and curious users.
 */

// scripts/precacheManifest.mjs (run by `npm run build`) rewrites the next two lines in out/sw.js with a
// hash of the build and the list of its files. As shipped in public/ they are the defaults used when the
// build was made some other way: the app shell and the wasm binaries only.
const VERSION = 'dev';
const PRECACHE = [];

const CACHE = `convas-${VERSION}`;
const SHELL = ['/', '/learn', '/wasm/tfjs-backend-wasm.wasm', '/wasm/tfjs-backend-wasm-simd.wasm', '/wasm/tfjs-backend-wasm-threaded-simd.wasm'];
const ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      if (PRECACHE.length > 0) {
        // All or nothing: a half-filled cache must not take over from a working one.
        await cache.addAll(PRECACHE.map((url) => new Request(url, { cache: 'reload' })));
      } else {
        await Promise.all(SHELL.map((url) => cache.add(new Request(url, { cache: 'reload' })).catch(() => undefined)));
      }
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(names.filter((n) => n.startsWith('convas-') && n !== CACHE).map((n) => caches.delete(n)));
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname === '/sw.js') return;
  // The class board's data is live: never answered from (or kept in) the cache.
  if (url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') {
    event.respondWith(networkFirst(request, pageKey(url)));
  } else if (url.pathname.startsWith('/_next/static/') || url.pathname.startsWith('/wasm/')) {
    event.respondWith(cacheFirst(request));
  } else {
    event.respondWith(networkFirst(request, url.pathname));
  }
});

/** Pages are cached under their path without query or trailing slash: '/learn?x=1' and '/learn/' are '/learn'. */
function pageKey(url) {
  const path = url.pathname.replace(/\/index(\.html)?$/, '/').replace(/\.html$/, '');
  return path.length > 1 ? path.replace(/\/+$/, '') : '/';
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(request, { ignoreSearch: true });
  if (hit) return isolated(hit, 'cache');
  const response = await fetch(request);
  if (response.ok && response.type === 'basic') await cache.put(request, response.clone());
  return isolated(response, 'network');
}

async function networkFirst(request, key) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok && response.type === 'basic') await cache.put(key, response.clone());
    return isolated(response, 'network');
  } catch (error) {
    const hit = (await cache.match(key, { ignoreSearch: true })) ?? (request.mode === 'navigate' ? await cache.match('/') : undefined);
    if (hit) return isolated(hit, 'cache');
    if (request.mode === 'navigate') {
      return isolated(
        new Response('<!doctype html><meta charset="utf-8"><title>Convas offline</title><p>Convas is offline and this page was never loaded. Connect once and reload.</p>', {
          status: 503,
          headers: { 'Content-Type': 'text/html; charset=utf-8' },
        }),
        'cache',
      );
    }
    throw error;
  }
}

/**
 * The response with the isolation headers set. A new Response also drops the `redirected` flag, which
 * would otherwise make a cached redirect unusable for a navigation.
 */
function isolated(response, source) {
  if (response.status === 0) return response; // opaque: cannot be read or re-wrapped
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(ISOLATION)) headers.set(name, value);
  headers.set('X-Convas-SW', source);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
