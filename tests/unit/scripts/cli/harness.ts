/**
 * What every `convas <command>` test needs: the command's output captured instead of printed, and scratch
 * folders that are removed after the file's tests. Shared so the CLI tests set up alike.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/** An `io` for a command's `run(argv, io)`, with the lines it wrote to stdout (`out`) and stderr (`err`). */
export function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

/** Call at the top of a test file: returns a maker of fresh temporary folders, all removed after the file's tests. */
export function scratchDirs(prefix: string): () => Promise<string> {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });
  return async () => {
    const d = await mkdtemp(join(tmpdir(), prefix));
    dirs.push(d);
    return d;
  };
}
