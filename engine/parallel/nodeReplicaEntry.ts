/**
 * A helper replica's Node worker-thread entry (started through ./nodeReplica.mjs, which loads TypeScript).
 * Messages are handled one after another, as in the browser entry.
 */
import { parentPort } from 'node:worker_threads';
import type { ToReplica } from './messages';
import { createHelper } from './helper';

const port = parentPort;
if (!port) throw new Error('nodeReplicaEntry.ts runs as a worker thread only.');
const handle = createHelper((message, transfer) => port.postMessage(message, (transfer ?? []) as ArrayBuffer[]));
let queue: Promise<void> = Promise.resolve();
port.on('message', (message: ToReplica) => {
  queue = queue.then(() => handle(message));
});
