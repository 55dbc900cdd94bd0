/**
 * A token bucket per client: `capacity` requests at once, refilled at `refillPerSecond`. A room of laptops
 * posts a handful of results each; a script posting in a loop is answered 429 with when to try again.
 */
export interface RateLimitOptions {
  capacity: number;
  refillPerSecond: number;
  /** Clients remembered at most; the longest idle are forgotten first (a forgotten client starts full). */
  maxClients?: number;
  /** Milliseconds since some epoch (tests pass a fake clock). */
  now?: () => number;
}

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

export interface RateLimiter {
  /** Take one token for `client`. */
  take(client: string): RateDecision;
}

export function createRateLimiter({ capacity, refillPerSecond, maxClients = 10_000, now = Date.now }: RateLimitOptions): RateLimiter {
  // Map order is insertion order: re-inserting on every take keeps the least recently seen client first.
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(client) {
      const t = now();
      const b = buckets.get(client) ?? { tokens: capacity, at: t };
      buckets.delete(client);
      b.tokens = Math.min(capacity, b.tokens + ((t - b.at) / 1000) * refillPerSecond);
      b.at = t;
      let decision: RateDecision;
      if (b.tokens >= 1) {
        b.tokens -= 1;
        decision = { ok: true };
      } else {
        decision = { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - b.tokens) / refillPerSecond)) };
      }
      buckets.set(client, b);
      if (buckets.size > maxClients) buckets.delete(buckets.keys().next().value as string);
      return decision;
    },
  };
}
