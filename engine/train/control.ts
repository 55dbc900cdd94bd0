/**
 * Pause, resume and stop for a running training loop. The loop awaits {@link TrainControl.checkpoint}
 * between batches, so a stop takes effect within one batch and a pause holds before the next one.
 * One instance per run (never a module-level flag: DESIGN.md section 5).
 */

/** What the loop is doing, as the control sees it. */
export type ControlState = 'running' | 'paused' | 'stopping';

export class TrainControl {
  private state_: ControlState = 'running';
  private wake: (() => void) | null = null;
  private readonly listeners = new Set<(state: ControlState) => void>();

  /** The current state. */
  get state(): ControlState {
    return this.state_;
  }

  /** True once stop() was called. */
  get stopped(): boolean {
    return this.state_ === 'stopping';
  }

  /** Hold before the next batch (no effect when stopping). */
  pause(): void {
    if (this.state_ === 'running') this.set('paused');
  }

  /** Continue after a pause. */
  resume(): void {
    if (this.state_ !== 'paused') return;
    this.set('running');
    this.release();
  }

  /** End training after the current batch (also releases a pause). Final: a stopped run never resumes. */
  stop(): void {
    if (this.state_ === 'stopping') return;
    this.set('stopping');
    this.release();
  }

  /** Calls `fn` on every state change; returns the unsubscribe function. */
  onChange(fn: (state: ControlState) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /**
   * Yields to the event loop (so pause/stop messages are delivered in a worker), then waits while paused.
   * Resolves true when the loop should go on, false when it should stop.
   */
  async checkpoint(): Promise<boolean> {
    await yieldToEventLoop();
    while (this.state_ === 'paused') await new Promise<void>((resolve) => (this.wake = resolve));
    return this.state_ === 'running';
  }

  private set(state: ControlState): void {
    this.state_ = state;
    for (const fn of this.listeners) fn(state);
  }

  private release(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}

/**
 * Lets queued tasks (worker messages, timers) run. A macrotask, not a microtask: promises alone would never
 * let a `message` event in. Not setTimeout(0): a loop that awaits it step after step nests timers, and past
 * five levels browsers clamp each to 4 ms (measured in a Chromium worker: 4.3 ms a yield against 0.2 ms by a
 * message), a third of a small model's training step; Node makes it at least 1 ms. So: setImmediate where
 * it exists (Node), else a message to ourselves on a MessageChannel (workers and pages; rAF does not run in
 * hidden tabs).
 */
export function yieldToEventLoop(): Promise<void> {
  if (typeof setImmediate === 'function') return new Promise((resolve) => setImmediate(resolve));
  return new Promise((resolve) => selfMessages().wake(resolve));
}

/** One channel per realm that wakes its waiters in order, made when first needed. */
let channel: { wake: (resolve: () => void) => void } | null = null;

function selfMessages(): { wake: (resolve: () => void) => void } {
  if (channel) return channel;
  const { port1, port2 } = new MessageChannel();
  const waiting: (() => void)[] = [];
  port1.onmessage = () => waiting.shift()?.();
  channel = {
    wake: (resolve) => {
      waiting.push(resolve);
      port2.postMessage(null);
    },
  };
  return channel;
}
