import { describe, expect, it } from 'vitest';
import { WORKER_FAILURE_HINT, workerTrainer } from '@/components/training/connectWorker';
import type { FromWorker, ToWorker } from '@/engine/protocol';
import type { WorkerLike } from '@/engine/worker/client';

/** A fake Worker recording posted messages; `emit` and `crash` play the worker's side. */
class FakeWorker implements WorkerLike {
  posted: ToWorker[] = [];
  terminated = false;
  onmessage: ((event: MessageEvent<FromWorker>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  postMessage(m: ToWorker) {
    this.posted.push(m);
  }
  terminate() {
    this.terminated = true;
  }
  emit(m: FromWorker) {
    this.onmessage?.({ data: m } as MessageEvent<FromWorker>);
  }
  crash(message: string) {
    this.onerror?.({ message } as ErrorEvent);
  }
}

function setup() {
  const workers: FakeWorker[] = [];
  const messages: FromWorker[] = [];
  const failures: [string, string][] = [];
  const trainer = workerTrainer(() => {
    const w = new FakeWorker();
    workers.push(w);
    return w;
  })({ onMessage: (m) => messages.push(m), onFailure: (m, h) => failures.push([m, h]) });
  return { workers, messages, failures, trainer };
}

const start = { runId: 'r1', document: {} as never, data: { taskId: 'random-classify', count: 10 } };

describe('workerTrainer', () => {
  it('creates the worker up front and forwards start, pause, resume, stop and messages', () => {
    const { workers, messages, trainer } = setup();
    expect(workers).toHaveLength(1);
    trainer.start(start);
    trainer.pause();
    trainer.resume();
    trainer.stop();
    expect(workers[0].posted.map((m) => m.type)).toEqual(['start', 'pause', 'resume', 'stop']);
    expect(workers[0].posted[0]).toMatchObject({ runId: 'r1', data: { count: 10 } });
    workers[0].emit({ type: 'log', level: 'info', code: 'evaluating-test', message: 'hi', runId: 'r1' });
    expect(messages).toEqual([{ type: 'log', level: 'info', code: 'evaluating-test', message: 'hi', runId: 'r1' }]);
  });

  it('reports a crashed worker with what to try, and starts the next run on a fresh worker', () => {
    const { workers, messages, failures, trainer } = setup();
    trainer.start(start);
    workers[0].crash('Out of memory');
    expect(failures).toEqual([['The training worker stopped: Out of memory.', WORKER_FAILURE_HINT]]);
    // the client's own error message for the run still arrives
    expect(messages.at(-1)).toMatchObject({ type: 'error', runId: 'r1' });
    trainer.start({ ...start, runId: 'r2' });
    expect(workers).toHaveLength(2);
    expect(workers[0].terminated).toBe(true);
    expect(workers[1].posted[0]).toMatchObject({ type: 'start', runId: 'r2' });
  });

  it('terminates the worker on dispose', () => {
    const { workers, trainer } = setup();
    trainer.dispose();
    expect(workers[0].terminated).toBe(true);
  });
});
