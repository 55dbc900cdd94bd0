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
 * let a `message` event in. setTimeout(0) works in Node, workers and pages (rAF does not run in hidden tabs).
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
