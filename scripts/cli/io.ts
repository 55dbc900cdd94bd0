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

/**
 * Text made safe for a terminal: control characters other than newline and tab (ESC, BEL, CR, DEL, the C1
 * range) and the bidirectional overrides become visible `\u001b` / `\u202e` escapes, so a name in a graph or
 * a file name in a dataset cannot move the cursor, ring the bell, retitle the window or reorder the line.
 * The escapes are JSON's own, so JSON output stays valid and means the same after this.
 * Example: printable('a\x1b[2Jb') -> 'a\\u001b[2Jb'
 */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** stdout and stderr, without progress lines; every line passes through `printable`. */
export const consoleIO: CliIO = { out: (t) => console.log(printable(t)), err: (t) => console.error(printable(t)) };
