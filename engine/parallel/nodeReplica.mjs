// Worker-thread bootstrap of a helper replica in Node: worker threads do not inherit tsx's loader, so this
// plain module registers it before importing the TypeScript entry.
import { register } from 'tsx/esm/api';

register();
await import('./nodeReplicaEntry.ts');
