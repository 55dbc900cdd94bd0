/**
 * The workshop's static server as a function, so the CLI (serve.mjs) and the tests build the same one.
 * Files are found and streamed by sirv (lukeed/sirv: a path is a key into the list of files it reads once at
 * start, so no request can name a file outside the folder); Convas' own code is only the headers it needs,
 * the request checks and the limits:
 *   - Cross-Origin-Opener-Policy: same-origin + Cross-Origin-Embedder-Policy: require-corp make the page
 *     crossOriginIsolated (SharedArrayBuffer for the wasm backend);
 *   - a request that cannot be a file request (bad percent-encoding, a NUL, a body, a method other than
 *     GET/HEAD, an oversized URL or header block) gets a 4xx; a handler that throws gets a 500; the server
 *     keeps serving either way.
 * sirv reads the file list once: restart the server after a new build.
 */
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import sirv from 'sirv';

/** Limits of one request. Node's own default header limit is 16 KiB; a static site needs far less. */
export const SERVER_LIMITS = Object.freeze({
  /** Bytes of the request line and headers together (Node's maxHeaderSize). */
  maxHeaderBytes: 8192,
  /** Header lines read per request (Node's default is 2000); more are ignored. */
  maxHeadersCount: 64,
  /** Characters of the URL (path and query). */
  maxUrlLength: 2048,
  /** A static site takes no request bodies: any body larger than this is refused with 413. */
  maxBodyBytes: 0,
  /** Milliseconds a client may take to send its headers, and its whole request. */
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
});

/** Headers every response carries, errors included. */
export const ISOLATION_HEADERS = Object.freeze({
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Content-Type-Options': 'nosniff',
});

/** Why a request cannot be served, as [status, message], or null when it may go on to the files. */
export function checkRequest(req) {
  if (req.method !== 'GET' && req.method !== 'HEAD') return [405, 'Only GET and HEAD are served.'];
  const url = req.url ?? '';
  if (url.length > SERVER_LIMITS.maxUrlLength) return [414, 'The address is too long.'];
  if (!url.startsWith('/')) return [400, 'Bad request path.'];
  const length = Number(req.headers['content-length'] ?? 0);
  if (req.headers['transfer-encoding'] !== undefined || !(length <= SERVER_LIMITS.maxBodyBytes)) return [413, 'This server takes no request bodies.'];
  const path = url.split(/[?#]/, 1)[0];
  let decoded;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return [400, 'Bad percent-encoding in the address.'];
  }
  if (decoded.includes('\0')) return [400, 'Bad request path.'];
  return null;
}

/** An error answer; the connection then closes, so an unread request body is never read on. */
function sendError(res, status, message) {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const allow = status === 405 ? { Allow: 'GET, HEAD' } : {};
  res.writeHead(status, { ...ISOLATION_HEADERS, ...allow, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'close' });
  res.end(`${message}\n`);
}

/**
 * The request handler over a static build folder (Next's export in out/).
 * Next writes /learn as learn.html next to a learn/ folder of data files: sirv's `extensions` finds
 * learn.html for /learn and /learn/. Unknown paths get 404.html with status 404.
 * @param {string} dir folder of the static build
 * @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void}
 */
export function convasHandler(dir) {
  const root = resolve(dir);
  let notFound;
  try {
    notFound = readFileSync(join(root, '404.html'));
  } catch {
    notFound = Buffer.from('Not found\n');
  }
  const files = sirv(root, {
    dev: false,
    etag: true,
    extensions: ['html'],
    dotfiles: false,
    setHeaders(res, pathname) {
      for (const [k, v] of Object.entries(ISOLATION_HEADERS)) res.setHeader(k, v);
      // Content-hashed build files never change; everything else (pages, sw.js) is checked on every load.
      res.setHeader('Cache-Control', pathname.startsWith('/_next/static/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
    onNoMatch(_req, res) {
      res.writeHead(404, { ...ISOLATION_HEADERS, 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' });
      res.end(_req.method === 'HEAD' ? undefined : notFound);
    },
  });
  return (req, res) => {
    try {
      const bad = checkRequest(req);
      if (bad) return sendError(res, bad[0], bad[1]);
      // The app never asks for byte ranges; sirv trusts a Range header's numbers, so whole files only.
      delete req.headers.range;
      // sirv pipes a file stream into the response without an error listener: a file deleted after start
      // (a rebuild while serving) would throw from the stream and stop the server. End that response instead.
      res.once('pipe', (stream) =>
        stream.on('error', (error) => {
          console.error(`serve: ${String(req.url).slice(0, 200)} could not be read: ${error.message}`);
          sendError(res, 500, 'The file could not be read.');
        }),
      );
      files(req, res);
    } catch (error) {
      try {
        console.error(`serve: ${req.method} ${String(req.url).slice(0, 200)} failed: ${error instanceof Error ? error.message : String(error)}`);
      } catch {
        console.error('serve: a request failed and could not be described');
      }
      sendError(res, 500, 'Internal server error.');
    }
  };
}

/**
 * An http.Server for `dir` with the limits above; call `.listen(port, host)`. Malformed requests that Node
 * itself refuses (bad request line, headers over the limit) get a 400/431 and their socket is closed.
 * `options.api` answers the requests it claims (the class board's /api/..., see scripts/collect/) before
 * the static checks, which refuse every request body.
 * @param {string} dir folder of the static build
 * @param {{ api?: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => boolean }} [options]
 */
export function createConvasServer(dir, options = {}) {
  const files = convasHandler(dir);
  const api = options.api;
  const server = createServer(
    { maxHeaderSize: SERVER_LIMITS.maxHeaderBytes, headersTimeout: SERVER_LIMITS.headersTimeoutMs, requestTimeout: SERVER_LIMITS.requestTimeoutMs },
    api ? (req, res) => api(req, res) || files(req, res) : files,
  );
  server.maxHeadersCount = SERVER_LIMITS.maxHeadersCount;
  server.on('clientError', (error, socket) => {
    if (!socket.writable || error.code === 'ECONNRESET') return socket.destroy();
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  });
  return server;
}
