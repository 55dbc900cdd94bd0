/**
 * The training loop's yield: a real macrotask (a message queued before it is delivered within a yield or two,
 * so pause and stop reach a busy worker), in Node (setImmediate) and where only MessageChannel exists
 * (browser workers), never a chain of setTimeout(0) that browsers clamp to 4 ms a step.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TrainControl, yieldToEventLoop } from '@/engine/train/control';

/** A message posted now on a fresh channel: resolves with `log` once it is delivered (a macrotask). */
function messageLater(log: string[], name: string): Promise<void> {
  const { port1, port2 } = new MessageChannel();
  return new Promise((resolve) => {
    port1.onmessage = () => {
      log.push(name);
      port1.close();
      resolve();
    };
    port2.postMessage(null);
  });
}

describe('yieldToEventLoop', () => {
  afterEach(() => vi.unstubAllGlobals());

  for (const where of ['Node (setImmediate)', 'a browser worker (MessageChannel only)']) {
    it(`lets a message queued before it arrive, and resolves in order, in ${where}`, async () => {
      if (where.startsWith('a browser')) {
        vi.stubGlobal('setImmediate', undefined);
        // A chain of timers would be clamped in a browser: the yield must not use them at all.
        vi.stubGlobal('setTimeout', () => {
          throw new Error('setTimeout used');
        });
      }
      const log: string[] = [];
      const delivered = messageLater(log, 'message');
      await Promise.resolve(); // a microtask alone does not let the message in
      expect(log).toEqual([]);
      // Node runs immediates before it polls for messages; the next turn of its loop delivers them.
      await yieldToEventLoop();
      await yieldToEventLoop();
      expect(log).toEqual(['message']);
      await delivered;
      await Promise.all([1, 2, 3].map((i) => yieldToEventLoop().then(() => log.push(`yield ${i}`))));
      expect(log).toEqual(['message', 'yield 1', 'yield 2', 'yield 3']);
      // Many in a row, as a training loop awaits one a step.
      for (let i = 0; i < 50; i++) await yieldToEventLoop();
    });
  }

  it('lets a stop reach a loop that checks in at every step', async () => {
    const control = new TrainControl();
    let steps = 0;
    const loop = (async () => {
      while (await control.checkpoint()) steps++;
    })();
    await messageLater([], 'tick');
    control.stop();
    await loop;
    expect(steps).toBeGreaterThan(0);
    expect(control.state).toBe('stopping');
  });
});
