import type * as z from 'zod';
import { isRecord } from './migrations';

/**
 * Turns zod issues into sentences for end users: where (which node, which field) and what is wrong,
 * quoting the offending value. The loader passes `issuePhrase` as the parse's error map so each issue's
 * message is a phrase; `describeIssues` puts the location in front.
 */

/** How many problems one error message lists before saying "and N more". */
const SHOWN = 3;

/**
 * A name or key as a message shows it: at most `max` characters, then "..." and the full length, so a
 * 1 MB parameter name cannot fill an error message.
 * Example: clipText('a'.repeat(1000)) -> 'aaaa...(1000 characters)' with 40 a's
 */
export function clipText(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max)}...(${text.length} characters)` : text;
}

/** A value as a message quotes it: short, and never the whole of a huge input. */
export function quoteValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}...` : v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `a list of ${v.length}`;
  if (typeof v === 'object') return 'an object';
  return typeof v;
}

const EXPECTED: Record<string, string> = {
  string: 'text',
  number: 'a finite number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  record: 'an object',
};

/** zod error map for document schemas: a phrase to follow the location, e.g. "must be at least 1 (found 0)". */
export function issuePhrase(iss: z.core.$ZodRawIssue): string {
  const found = `(found ${quoteValue(iss.input)})`;
  switch (iss.code) {
    case 'invalid_type':
      if (iss.input === undefined) return 'is missing';
      return `must be ${EXPECTED[iss.expected] ?? iss.expected} ${found}`;
    case 'too_small': {
      const min = Number(iss.minimum);
      if (iss.origin === 'string') return min <= 1 ? 'must not be empty' : `must be at least ${min} characters long`;
      if (iss.origin === 'array') return `must have at least ${min} entries`;
      return `must be ${iss.inclusive ? 'at least' : 'greater than'} ${min} ${found}`;
    }
    case 'too_big': {
      const max = Number(iss.maximum);
      const input = iss.input;
      if (iss.origin === 'string') {
        return `is too long (${typeof input === 'string' ? input.length : '?'} characters; at most ${max} are allowed)`;
      }
      if (iss.origin === 'array') {
        return `has too many entries (${Array.isArray(input) ? input.length : '?'}; at most ${max} are allowed)`;
      }
      return `must be ${iss.inclusive ? 'at most' : 'less than'} ${max} ${found}`;
    }
    case 'invalid_value':
      if (iss.input === undefined) return 'is missing';
      return `must be ${iss.values.map((v) => JSON.stringify(v)).join(' or ')} ${found}`;
    case 'invalid_key':
      return 'has an invalid parameter name';
    default:
      return `is not valid ${found}`;
  }
}

/** Pronounceable location of a path into the raw document, e.g. `node "conv1": position.x`. */
export function issueLocation(path: readonly PropertyKey[], raw: unknown): string {
  if (path.length === 0) return 'the document';
  const [head, index, ...rest] = path;
  if ((head === 'nodes' || head === 'edges') && typeof index === 'number') {
    const list = isRecord(raw) ? raw[head] : undefined;
    const item = Array.isArray(list) ? list[index] : undefined;
    const itemId = isRecord(item) ? item.id : undefined;
    const kind = head === 'nodes' ? 'node' : 'edge';
    const who = typeof itemId === 'string' && itemId.length > 0 && itemId.length <= 100 ? `${kind} "${itemId}"` : `the ${kind} at position ${index + 1}`;
    if (rest.length === 0) return who;
    if (rest[0] === 'params' && rest.length === 2) return `${who}: parameter "${clipText(String(rest[1]))}"`;
    return `${who}: ${rest.map((p) => clipText(String(p))).join('.')}`;
  }
  return path.map((p) => clipText(String(p))).join('.');
}

/** One issue as a phrase with its location, e.g. `training.epochs must be at least 1 (found 0)`. */
export function describeIssue(issue: z.core.$ZodIssue, raw: unknown): string {
  if (issue.code === 'custom' && issue.params?.sentence === true) return issue.message;
  return `${issueLocation(issue.path, raw)} ${issue.message}`;
}

/** All issues as one message: the first few, then how many more. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], raw: unknown): string {
  const shown = issues.slice(0, SHOWN).map((i) => describeIssue(i, raw));
  const more = issues.length - shown.length;
  return `${shown.join('; ')}${more > 0 ? ` (and ${more} more problem${more === 1 ? '' : 's'})` : ''}`;
}
