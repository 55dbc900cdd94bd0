/**
 * The URL-fragment plumbing share links (./shareLink.ts) and lesson links (graph/lesson.ts) have in
 * common: packing JSON as `<tag><base64url of zlib level 9>`, putting it under `#<key>=` in a page URL, and
 * finding it again in whatever the user pastes, and unpacking it with the size limit. Kept in one place so
 * the two kinds of link stay alike; each kind words its own error messages from the reasons here.
 */
import { strFromU8, strToU8, zlibSync } from 'fflate';
import { decodeBase64url, encodeBase64url } from './base64url';
import { unzlibLimited } from './zlib';

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

/**
 * Why link data could not be unpacked: a base64url length no byte count gives, a character outside the
 * alphabet (at 0-based `index` of the body), data that unpacks past `limit` bytes, or corrupt zlib data.
 */
export type UnpackResult =
  | { ok: true; text: string }
  | { ok: false; reason: 'length' }
  | { ok: false; reason: 'character'; char: string; index: number }
  | { ok: false; reason: 'too-large'; limit: number }
  | { ok: false; reason: 'corrupt'; detail: string };

/** The text packed by {@link packLinkData}, from the data after its tag; inflating stops past `maxBytes`. */
export function unpackLinkData(body: string, maxBytes: number): UnpackResult {
  const decoded = decodeBase64url(body);
  if (!decoded.ok) return decoded.char === null ? { ok: false, reason: 'length' } : { ok: false, reason: 'character', char: decoded.char, index: decoded.index };
  const inflated = unzlibLimited(decoded.bytes, maxBytes);
  if (!inflated.ok) return inflated;
  return { ok: true, text: strFromU8(inflated.bytes) };
}
