import { type NumberRange, rangeError } from '../../graph/document';

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

/**
 * A numeric flag's value (or the fallback) checked against a range, most often one of graph/'s limits
 * (TRAINING_LIMITS, DATA_LIMITS), so the CLI accepts exactly what a document accepts.
 * Example: rangeFlag(args, 'epochs', 5, TRAINING_LIMITS.epochs) throws '--epochs must be a whole number from 1 to 10000, got "1e9".'
 */
export function rangeFlag(args: ParsedArgs, name: string, fallback: number, range: NumberRange): number {
  const n = numberFlag(args, name, fallback);
  const why = rangeError(n, range);
  if (why) throw new Error(`--${name} ${why}, got "${String(args[name] ?? fallback)}".`);
  return n;
}
