import { decode } from 'jpeg-js';
import { DECODE_BUDGET, jpegMemoryMB } from '../budget';
import { type ImageInfo, type RawImage, checkDimensions } from './types';

/**
 * JPEG through jpeg-js (pure JavaScript: baseline and progressive Huffman-coded, 1, 3 or 4 components).
 * The header walk below runs first so unsupported variants and truncated files fail with a clear reason
 * (jpeg-js's tolerant mode would otherwise return a half-grey image for a cut-off file), and so a header
 * claiming more pixels than its data can hold is refused before jpeg-js allocates for them: every 8x8 block
 * of every component costs at least one bit of entropy-coded data. jpeg-js's own memory limit is then set to
 * what this image's size needs (DECODE_BUDGET).
 */

interface JpegHeader extends ImageInfo {
  components: number;
  /** Byte offset of the first start-of-scan marker. */
  scanStart: number;
  /** Horizontal and vertical sampling factor of each component. */
  sampling: [number, number][];
}

const MODES: Record<number, string> = { 1: 'gray', 3: 'RGB', 4: 'CMYK' };

function readHeader(bytes: Uint8Array): JpegHeader {
  let pos = 2;
  let frame: { width: number; height: number; components: number; marker: number; precision: number; sampling: [number, number][] } | undefined;
  while (pos + 4 <= bytes.length) {
    if (bytes[pos] !== 0xff) throw new Error(`JPEG marker expected at byte ${pos} (file is corrupted)`);
    const marker = bytes[pos + 1];
    if (marker === 0xff) {
      pos++; // fill byte
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      pos += 2;
      continue;
    }
    if (marker === 0xd9) throw new Error('JPEG ends before any image data');
    const length = (bytes[pos + 2] << 8) | bytes[pos + 3];
    if (length < 2 || pos + 2 + length > bytes.length) throw new Error(`JPEG is truncated inside a marker segment at byte ${pos}`);
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame && !frame) {
      frame = {
        precision: bytes[pos + 4],
        height: (bytes[pos + 5] << 8) | bytes[pos + 6],
        width: (bytes[pos + 7] << 8) | bytes[pos + 8],
        components: bytes[pos + 9],
        marker,
        sampling: [],
      };
      for (let c = 0; c < frame.components && pos + 12 + 3 * c <= pos + 2 + length; c++) {
        const factors = bytes[pos + 11 + 3 * c];
        frame.sampling.push([Math.max(1, factors >> 4), Math.max(1, factors & 15)]);
      }
    }
    if (marker === 0xda) {
      if (!frame) throw new Error('JPEG has image data before its frame header');
      if (frame.marker === 0xc3 || frame.marker >= 0xc9) throw new Error('lossless or arithmetic-coded JPEG is not supported');
      if (frame.precision !== 8) throw new Error(`${frame.precision}-bit JPEG is not supported (8-bit only)`);
      if (!(frame.components in MODES)) throw new Error(`JPEG with ${frame.components} components is not supported`);
      checkDimensions(frame.width, frame.height, 'JPEG');
      if (frame.sampling.length !== frame.components) throw new Error('JPEG frame header is cut short (file is corrupted)');
      return { format: 'jpeg', width: frame.width, height: frame.height, mode: MODES[frame.components], components: frame.components, scanStart: pos, sampling: frame.sampling };
    }
    pos += 2 + length;
  }
  throw new Error('JPEG is truncated before its image data');
}

/** Size and mode from the frame header, without decoding. */
export function probeJpeg(bytes: Uint8Array): ImageInfo {
  const header = readHeader(bytes);
  checkScanSize(bytes, header);
  const { format, width, height, mode } = header;
  return { format, width, height, mode };
}

/** True when an end-of-image marker follows the scan data (0xFF 0xD9 cannot occur inside entropy-coded data). */
function hasEndMarker(bytes: Uint8Array, scanStart: number): boolean {
  for (let i = bytes.length - 2; i > scanStart; i--) if (bytes[i] === 0xff && bytes[i + 1] === 0xd9) return true;
  return false;
}

/**
 * Header, size and mode of a JPEG that is whole: throws when the header is unusable or the file is cut off
 * (no end-of-image marker after the scan data). Decoders that fill missing rows with grey (jpeg-js in
 * tolerant mode, browsers) would otherwise hand back a half-blank image without complaint.
 */
export function checkJpeg(bytes: Uint8Array): ImageInfo {
  const { format, width, height, mode } = checkedHeader(bytes);
  return { format, width, height, mode };
}

/** Fewest bytes of entropy-coded data that can cover the image: one bit per 8x8 block of every component. */
function minimumScanBytes(h: JpegHeader): number {
  const maxH = Math.max(...h.sampling.map(([x]) => x));
  const maxV = Math.max(...h.sampling.map(([, y]) => y));
  let blocks = 0;
  for (const [sh, sv] of h.sampling) blocks += Math.ceil((Math.ceil(h.width / 8) * sh) / maxH) * Math.ceil((Math.ceil(h.height / 8) * sv) / maxV);
  return Math.floor(blocks / 8);
}

function checkedHeader(bytes: Uint8Array): JpegHeader {
  const header = readHeader(bytes);
  if (!hasEndMarker(bytes, header.scanStart)) throw new Error('JPEG is truncated (no end-of-image marker after the image data)');
  checkScanSize(bytes, header);
  return header;
}

function checkScanSize(bytes: Uint8Array, header: JpegHeader): void {
  const needed = minimumScanBytes(header);
  if (bytes.length - header.scanStart < needed)
    throw new Error(`JPEG header claims ${header.width}x${header.height} but holds only ${bytes.length - header.scanStart} bytes of image data, fewer than the ${needed} that size needs (file is truncated or corrupted)`);
}

/** Decodes a JPEG to 8-bit gray (1 component) or RGB (YCbCr, RGB, or CMYK converted); throws with a reason. */
export function decodeJpeg(bytes: Uint8Array): RawImage {
  const header = checkedHeader(bytes);
  let decoded: { width: number; height: number; data: Uint8Array };
  try {
    decoded = decode(bytes, {
      useTArray: true,
      formatAsRGBA: false,
      maxResolutionInMP: DECODE_BUDGET.maxPixels / 1e6,
      maxMemoryUsageInMB: jpegMemoryMB(header.width, header.height, header.sampling),
    });
  } catch (e) {
    throw new Error(`JPEG does not decode: ${e instanceof Error ? e.message : String(e)}`);
  }
  const { width, height, data } = decoded;
  if (header.mode !== 'gray') return { width, height, channels: 3, data, format: 'jpeg', mode: header.mode };
  // jpeg-js always writes RGB; a grayscale file has R = G = B, so keep one plane.
  const gray = new Uint8Array(width * height);
  for (let i = 0; i < gray.length; i++) gray[i] = data[i * 3];
  return { width, height, channels: 1, data: gray, format: 'jpeg', mode: 'gray' };
}
