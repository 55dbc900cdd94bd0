import { DOCUMENT_LIMITS } from './defaults';
import { extractLinkData, fragmentUrl, packLinkData, unpackLinkData } from './linkData';
import { parseDocument, type ParseResult } from './parse';
import { documentToJson } from './serialize';
import type { GraphDocument } from '../types';

/**
 * Share links: a whole graph document in the URL fragment (`https://.../#graph=g1.<data>`), so sharing
 * needs no server. <data> is the compact JSON of the document (training fields at their defaults left
 * out), zlib-compressed at level 9, in base64url without padding. The `g1.` tag versions this encoding
 * (not the document: the document inside carries its own version and goes through migrations).
 */

/** Tag of the current link encoding. */
export const SHARE_LINK_TAG = 'g1.';

/** The URL-fragment key a link's data goes under. */
export const SHARE_LINK_KEY = 'graph';

export const SHARE_LINK_LIMITS = Object.freeze({
  /** Longer fragments are rejected before decoding (browsers cap URLs near 2 MB anyway). */
  maxChars: 2_000_000,
  /** Inflating stops past this many bytes: the document text limit. */
  maxInflatedBytes: DOCUMENT_LIMITS.maxChars,
});

/**
 * Encodes a document as the data part of a share link: `g1.` followed by base64url characters.
 * Put it in a URL as `#graph=<result>` (see {@link shareUrl}). A 20-node CNN gives about 800 characters.
 */
export function encodeShareLink(doc: GraphDocument): string {
  return packLinkData(SHARE_LINK_TAG, JSON.stringify(documentToJson(doc, { omitDefaultTraining: true })));
}

/** `pageUrl` (any existing fragment dropped) with the document as its `#graph=` fragment. */
export function shareUrl(pageUrl: string, doc: GraphDocument): string {
  return fragmentUrl(pageUrl, SHARE_LINK_KEY, encodeShareLink(doc));
}

const damaged = (why: string): ParseResult => ({
  ok: false,
  error: `This share link is damaged: ${why}. Copy the whole link again from where it was shared.`,
});

/**
 * Loads the document in a share link. Accepts the bare data (`g1.eNq...`), `#g1...`, `#graph=g1...`,
 * `graph=g1...` or a whole URL. Never throws; a bad link gives `{ok: false, error}` naming the problem
 * (not a Convas link, newer link version, invalid characters, corrupt or oversized data, invalid document).
 */
export function decodeShareLink(fragment: string): ParseResult {
  if (fragment.length > SHARE_LINK_LIMITS.maxChars * 2) {
    return { ok: false, error: 'This share link is too long to be a Convas graph.' };
  }
  const data = extractLinkData(fragment, SHARE_LINK_KEY);
  if (data === '') return { ok: false, error: 'This share link holds no graph.' };
  if (data.length > SHARE_LINK_LIMITS.maxChars) {
    return { ok: false, error: `This share link is too long (${data.length} characters; at most ${SHARE_LINK_LIMITS.maxChars}).` };
  }
  const tag = /^g(\d+)\./.exec(data);
  if (tag === null) {
    return { ok: false, error: `This is not a Convas share link: its graph data should start with "${SHARE_LINK_TAG}".` };
  }
  const linkVersion = Number(tag[1]);
  if (`g${linkVersion}.` !== SHARE_LINK_TAG) {
    return {
      ok: false,
      error:
        linkVersion > 1
          ? `This share link was made by a newer Convas (link format ${linkVersion}); this app reads link format 1. Update Convas to open it.`
          : `This share link has an unknown format ("${tag[0]}").`,
    };
  }

  const body = data.slice(tag[0].length);
  const unpacked = unpackLinkData(body, SHARE_LINK_LIMITS.maxInflatedBytes);
  if (unpacked.ok) return parseDocument(unpacked.text, { warnDefaultedTraining: false });
  switch (unpacked.reason) {
    case 'length':
      return damaged(`its data has a length (${body.length} characters) that base64 cannot have, so part of it is missing`);
    case 'character':
      return damaged(`it contains ${JSON.stringify(unpacked.char)} at character ${tag[0].length + unpacked.index + 1}, which cannot appear in a link's data`);
    case 'too-large':
      return {
        ok: false,
        error: `This share link's graph unpacks to more than ${unpacked.limit / 1_000_000} MB, more than any Convas graph; it was not opened.`,
      };
    case 'corrupt':
      return damaged(`its compressed data cannot be unpacked (${unpacked.detail})`);
  }
}
