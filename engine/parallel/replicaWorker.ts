/**
 * A helper replica's web worker entry: wires `self` to ./helper.ts. Messages are handled one after another
 * (init is asynchronous; a step must never overtake it).
 */
import type { FromReplica, ToReplica } from './messages';
import { createHelper } from './helper';

interface WorkerScope {
  onmessage: ((event: MessageEvent<ToReplica>) => void) | null;
  postMessage(message: FromReplica, transfer?: Transferable[]): void;
}

const scope = self as unknown as WorkerScope;
const handle = createHelper((message, transfer) => scope.postMessage(message, transfer ?? []));
let queue: Promise<void> = Promise.resolve();

scope.onmessage = (event) => {
  queue = queue.then(() => handle(event.data));
};
