/**
 * Minimal flag parsing for the CLI: `--name value`, `--flag` (boolean) and positionals.
 * Example: parseArgs(['data', '--json', '--epochs', '3']) -> { _: ['data'], json: true, epochs: '3' }
 */
export interface ParsedArgs {
  _: string[];
  [flag: string]: string | boolean | string[];
}

export function parseArgs(argv: string[], booleanFlags: readonly string[] = ['json']): ParsedArgs {
  const out: ParsedArgs = { _: [] };
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (token.startsWith('--')) {
      const key = token.slice(2);
      const next = argv[i + 1];
      if (booleanFlags.includes(key) || next === undefined || next.startsWith('--')) out[key] = true;
      else {
        out[key] = next;
        i++;
      }
    } else out._.push(token);
  }
  return out;
}

/** A string flag's value, or a clear error naming the flag. */
export function requireFlag(args: ParsedArgs, name: string): string {
  const v = args[name];
  if (typeof v !== 'string' || v === '') throw new Error(`Missing --${name} <value>.`);
  return v;
}

/** A numeric flag's value (or the fallback), rejecting non-numbers with a message. */
export function numberFlag(args: ParsedArgs, name: string, fallback: number): number {
  const v = args[name];
  if (v === undefined) return fallback;
  const n = Number(v);
  if (typeof v !== 'string' || !Number.isFinite(n)) throw new Error(`--${name} wants a number, got "${String(v)}".`);
  return n;
}
