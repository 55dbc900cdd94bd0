import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CLASS_CODE, parseResultDocument, RESULT_LIMITS } from '@/graph/results';
import { createRateLimiter, type RateLimitOptions } from './rateLimit';
import { ResultStore, type StoreLimits } from './resultStore';

/**
 * The class board's two endpoints, beside the static site (`npm run serve -- --collect <folder>`):
 *   POST /api/results             a participant's result document (JSON, at most 256 KB, rate-limited);
 *   GET  /api/board[?class=code]  the classes, or one class's results after `since` (polled by /board);
 *   GET  /api/collect             whether this server collects (the lesson dialog asks, to add a class code).
 * The board's data is readable from this machine (loopback) or with the key printed at start, sent as
 * the `X-Convas-Key` header or `?key=`. Every answer is JSON with `no-store`; nothing here throws past it.
 */

export interface CollectorOptions {
  dir: string;
  /** The board key (a random one when absent). */
  key?: string;
  rate?: Omit<RateLimitOptions, 'now'>;
  storeLimits?: StoreLimits;
  /** Whether a request comes from this machine (tests replace it to act as another machine). */
  isLocal?: (req: IncomingMessage) => boolean;
  now?: () => Date;
}

/** A room's worth of posts at once from one address (a classroom behind one NAT), then one every 250 ms. */
export const DEFAULT_RATE: Omit<RateLimitOptions, 'now'> = { capacity: 120, refillPerSecond: 4 };

const JSON_HEADERS = {
  'Content-Type': 'application/json; charset=utf-8',
  'Cache-Control': 'no-store',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Content-Type-Options': 'nosniff',
};

/** True for 127.0.0.0/8 and ::1, plain or IPv4-mapped. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return address === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/**
 * True when the Host header names this machine (localhost, 127.x, [::1]). A page from elsewhere that
 * re-points its own name at 127.0.0.1 (DNS rebinding) reaches the server from loopback, but with its own
 * name as Host: loopback alone must not open the board to it.
 */
export function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0];
  return name === 'localhost' || name === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
}

function send(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  if (res.headersSent) return void res.destroy();
  res.writeHead(status, { ...JSON_HEADERS, ...extra });
  res.end(`${JSON.stringify(body)}\n`);
}

const problem = (res: ServerResponse, status: number, error: string, extra: Record<string, string> = {}) => send(res, status, { error }, extra);

class BodyError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The request body as text, refusing more than `max` bytes as soon as they arrive (413), and bad UTF-8 (400). */
function readBody(req: IncomingMessage, max: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        reject(new BodyError(413, `A result may be at most ${max / 1024} KB.`));
        req.pause();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      try {
        resolve(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks)));
      } catch {
        reject(new BodyError(400, 'The result is not valid UTF-8 text.'));
      }
    });
    req.on('error', reject);
  });
}

export interface Collector {
  /** Answers `/api/...` requests; returns false for every other path (the static site's). */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
  store: ResultStore;
  key: string;
  /** Random per start: a board that sees it change reloads everything (numbers restart after a restart). */
  instance: string;
  /**
   * Addresses the room reaches this server at (`http://192.168.1.20:3000`), set once listening. The lesson
   * dialog on the facilitator's `localhost` page builds links with one, since a participant cannot open localhost.
   */
  origins: string[];
}

/** A collector over `dir`; call `store.load()` before serving. */
export function createCollector(options: CollectorOptions): Collector {
  const key = options.key ?? randomBytes(9).toString('base64url');
  const store = new ResultStore(options.dir, options.storeLimits);
  const limiter = createRateLimiter(options.rate ?? DEFAULT_RATE);
  const isLocal = options.isLocal ?? ((req: IncomingMessage) => isLoopbackAddress(req.socket.remoteAddress) && isLoopbackHost(req.headers.host));
  const now = options.now ?? (() => new Date());
  const instance = randomBytes(6).toString('hex');
  const keyBytes = Buffer.from(key);

  /** null when the board may be read, else [status, message]. A wrong key is refused even from this machine. */
  const boardDenied = (req: IncomingMessage, url: URL): [number, string] | null => {
    const header = req.headers['x-convas-key'];
    const given = typeof header === 'string' ? header : url.searchParams.get('key');
    if (given !== null && given !== '') {
      const g = Buffer.from(given);
      return g.length === keyBytes.length && timingSafeEqual(g, keyBytes) ? null : [403, 'Wrong board key: use the key the server printed when it started.'];
    }
    return isLocal(req) ? null : [401, 'The class board opens on the facilitator\'s machine, or with the key the server printed when it started (add ?key=... to the address).'];
  };

  async function postResult(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const client = req.socket.remoteAddress ?? 'unknown';
    const rate = limiter.take(client);
    if (!rate.ok) return problem(res, 429, `Too many results from this address; try again in ${rate.retryAfterSeconds} s.`, { 'Retry-After': String(rate.retryAfterSeconds), Connection: 'close' });
    const type = String(req.headers['content-type'] ?? '');
    if (!/^application\/json(;|$)/i.test(type)) return problem(res, 415, 'Send the result as application/json.', { Connection: 'close' });
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > RESULT_LIMITS.maxBytes) return problem(res, 413, `A result may be at most ${RESULT_LIMITS.maxBytes / 1024} KB.`, { Connection: 'close' });
    let text: string;
    try {
      text = await readBody(req, RESULT_LIMITS.maxBytes);
    } catch (error) {
      return problem(res, error instanceof BodyError ? error.status : 400, error instanceof Error ? error.message : 'Could not read the result.', { Connection: 'close' });
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return problem(res, 400, 'The result is not JSON.');
    }
    const parsed = parseResultDocument(raw);
    if (!parsed.ok) return problem(res, 422, parsed.error);
    const r = parsed.result;
    if (!r.classCode || !r.participant || !r.submissionId || !r.run) {
      return problem(res, 422, 'A result sent to the class board needs a class code, a participant, a submission id and a run.');
    }
    const outcome = await store.add(r, now());
    if (outcome.status === 'full') return problem(res, 507, outcome.message);
    send(res, outcome.status === 'stored' ? 201 : 200, { status: outcome.status, seq: outcome.entry.seq });
  }

  function getBoard(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const denied = boardDenied(req, url);
    if (denied) return problem(res, denied[0], denied[1]);
    const code = url.searchParams.get('class');
    if (code === null) return send(res, 200, { instance, classes: store.summary() });
    if (!CLASS_CODE.test(code)) return problem(res, 400, 'Bad class code.');
    const since = Number(url.searchParams.get('since') ?? 0);
    if (!Number.isInteger(since) || since < 0) return problem(res, 400, '"since" must be a whole number.');
    const all = store.list(code);
    send(res, 200, { instance, class: code, total: all.length, entries: all.filter((e) => e.seq > since) });
  }

  function handle(req: IncomingMessage, res: ServerResponse): boolean {
    const path = req.url ?? '';
    // Anything else, and addresses the static checks refuse (too long, not a path), is the static site's.
    if (!path.startsWith('/api/') || path.length > 2048) return false;
    let url: URL;
    try {
      url = new URL(path, 'http://localhost');
    } catch {
      return false;
    }
    const route = `${req.method} ${url.pathname}`;
    const fail = (error: unknown) => {
      console.error(`collect: ${route} failed: ${error instanceof Error ? error.message : String(error)}`);
      problem(res, 500, 'The server could not store the result; it was not saved. Try again.');
    };
    try {
      if (route === 'POST /api/results') void postResult(req, res).catch(fail);
      else if (route === 'GET /api/board' || route === 'HEAD /api/board') getBoard(req, res, url);
      else if (route === 'GET /api/collect') send(res, 200, { collecting: true, ...(isLocal(req) ? { origins: collector.origins } : {}) });
      else if (['/api/results', '/api/board', '/api/collect'].includes(url.pathname)) problem(res, 405, `${req.method} is not allowed here.`, { Connection: 'close' });
      else problem(res, 404, 'No such endpoint.', { Connection: 'close' });
    } catch (error) {
      fail(error);
    }
    return true;
  }

  const collector: Collector = { handle, store, key, instance, origins: [] };
  return collector;
}
