import { decodeJpeg, probeJpeg } from './jpeg';
import { decodePng, probePng } from './png';
import { sniffFormat } from './sniff';
import { decodeTiff, probeTiff } from './tiff';
import type { ImageInfo, RawImage } from './types';

function unsupported(bytes: Uint8Array): never {
  const format = sniffFormat(bytes);
  if (bytes.length === 0) throw new Error('file is empty');
  if (format) throw new Error(`${format.toUpperCase()} images are not supported (JPEG, PNG or TIFF only)`);
  throw new Error('not a JPEG, PNG or TIFF image (unrecognised first bytes)');
}

/**
 * Decodes JPEG, PNG or TIFF bytes, choosing the decoder by content, never by file name.
 * Throws an Error whose message is the reason to show for a skipped file.
 * Example: decodeImage(bytesOfAPngNamedJpg).format -> 'png'
 */
export function decodeImage(bytes: Uint8Array): RawImage {
  switch (sniffFormat(bytes)) {
    case 'jpeg':
      return decodeJpeg(bytes);
    case 'png':
      return decodePng(bytes);
    case 'tiff':
      return decodeTiff(bytes);
    default:
      return unsupported(bytes);
  }
}

/** Format, size and mode from the header alone (fast, but a file cut short after its header still passes). */
export function probeImage(bytes: Uint8Array): ImageInfo {
  switch (sniffFormat(bytes)) {
    case 'jpeg':
      return probeJpeg(bytes);
    case 'png':
      return probePng(bytes);
    case 'tiff':
      return probeTiff(bytes);
    default:
      return unsupported(bytes);
  }
}
