/**
 * Where a `convas <command>` writes: the console, or a capture in tests (each command's `run(argv, io)`
 * takes one). One definition for every command, so they all print and are tested the same way.
 */

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** Progress lines (overwritten in place on a terminal); commands that report none leave it out. */
  progress?(text: string): void;
}

/** stdout and stderr, without progress lines. */
export const consoleIO: CliIO = { out: (t) => console.log(t), err: (t) => console.error(t) };
