/**
 * The URL-fragment plumbing share links (graph/shareLink.ts) and lesson links (graph/lesson.ts) have in
 * common: packing JSON as `<tag><base64url of zlib level 9>`, putting it under `#<key>=` in a page URL, and
 * finding it again in whatever the user pastes. Kept in one place so the two kinds of link stay alike.
 * Unpacking differs per link kind (its own error messages), so it stays with each.
 */
import { strToU8, zlibSync } from 'fflate';
import { encodeBase64url } from './base64url';

/** `tag` followed by `json`, zlib-compressed at level 9, in base64url without padding. */
export function packLinkData(tag: string, json: string): string {
  return tag + encodeBase64url(zlibSync(strToU8(json), { level: 9 }));
}

/** `pageUrl` (any existing fragment dropped) with `data` as its `#<key>=` fragment. */
export function fragmentUrl(pageUrl: string, key: string, data: string): string {
  const base = pageUrl.split('#')[0];
  return `${base}#${key}=${data}`;
}

/** The link data out of a whole URL, `#<key>=...`, `<key>=...`, `#<data>` or the bare data; white space removed. */
export function extractLinkData(input: string, key: string): string {
  let s = input.trim();
  const hash = s.indexOf('#');
  if (hash !== -1) s = s.slice(hash + 1);
  const keyed = s.split('&').find((p) => p.startsWith(`${key}=`));
  if (keyed !== undefined) s = keyed.slice(key.length + 1);
  // Links pasted from emails or chats can be broken across lines.
  return s.replace(/\s+/g, '');
}
