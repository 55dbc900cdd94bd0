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
}

/** Starts one helper replica. */
export type ReplicaFactory = () => ReplicaPort;
