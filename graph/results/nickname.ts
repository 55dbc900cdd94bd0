/**
 * Nicknames and class codes: the two strings a participant or facilitator types that end up on a shared
 * screen or in a file name. One rule for the editor (before sending), the server (before storing) and the
 * board (before showing), so what one accepts the others accept too.
 */

/** Longest nickname, in characters after normalising. */
export const MAX_NICKNAME_LENGTH = 32;

/**
 * Letters and digits of any script, then also spaces, dot, underscore, apostrophe and hyphen. Everything
 * else (angle brackets, quotes, control and bidi-override characters, emoji) is refused rather than
 * stripped, so the name on the board is exactly the name the participant typed.
 */
const NICKNAME = /^[\p{L}\p{N}][\p{L}\p{M}\p{N} ._'-]*$/u;

/** NFC, trimmed, runs of spaces as one space: "  Ada   L. " -> "Ada L.". */
export function normaliseNickname(raw: string): string {
  return raw.normalize('NFC').trim().replace(/\s+/g, ' ');
}

/**
 * Why a (normalised) nickname cannot be used, or null when it can.
 * @example nicknameProblem('<b>x</b>') // 'A nickname may hold letters, digits, spaces and . _ \' - only (found "<").'
 */
export function nicknameProblem(nickname: string): string | null {
  if (nickname === '') return 'Enter a nickname: it is how the room sees your results.';
  if ([...nickname].length > MAX_NICKNAME_LENGTH) return `A nickname has at most ${MAX_NICKNAME_LENGTH} characters.`;
  if (!NICKNAME.test(nickname)) {
    const bad = [...nickname].find((c, i) => !(i === 0 ? /[\p{L}\p{N}]/u : /[\p{L}\p{M}\p{N} ._'-]/u).test(c)) ?? nickname[0];
    const shown = /[\p{Cc}\p{Cf}\p{Z}]/u.test(bad) ? `U+${bad.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0')}` : bad;
    return `A nickname starts with a letter or digit and may hold letters, digits, spaces and . _ ' - only (found "${shown}").`;
  }
  return null;
}

/** A class code: lower-case letters, digits and hyphens, 3 to 32 long; it names the class's file on the server. */
export const CLASS_CODE = /^[a-z0-9][a-z0-9-]{2,31}$/;

/** Why a class code cannot be used, or null. */
export function classCodeProblem(code: string): string | null {
  return CLASS_CODE.test(code) ? null : 'A class code has 3 to 32 lower-case letters, digits or hyphens, starting with a letter or digit (e.g. "ward-3").';
}

/** A fresh class code from the date and a random suffix, e.g. "2026-12-06-k7m2". */
export function suggestClassCode(now: Date, random: () => number = Math.random): string {
  const suffix = Array.from({ length: 4 }, () => 'abcdefghjkmnpqrstuvwxyz23456789'[Math.floor(random() * 31)]).join('');
  return `${now.toISOString().slice(0, 10)}-${suffix}`;
}
