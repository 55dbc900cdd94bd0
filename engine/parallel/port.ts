/**
 * The coordinator's view of one helper replica, whatever runs it: a browser Worker, a Node worker thread,
 * or an in-process fake in tests. Factories live beside their environment (./browserReplicas.ts,
 * ./nodeReplicas.ts), so engine code never imports a thread API.
 */
import type { FromReplica, ToReplica } from './messages';

export interface ReplicaPort {
  postMessage(message: ToReplica, transfer?: Transferable[]): void;
  /** Called with every message of the helper, and with a `failed` message when the helper dies. */
  onMessage(fn: (message: FromReplica) => void): void;
  terminate(): void;
  /**
   * Its messages reach the coordinator late enough that blocking on the shared slots' counter pays (Node
   * worker threads: 3-6% more img/s on 2 workers, alternating); Chromium's workers measured no gain.
   */
  readonly slowMessages?: boolean;
}

/** Starts one helper replica. */
export type ReplicaFactory = () => ReplicaPort;
