import type { ImageFormat } from './types';

/**
 * The image format from the file's first bytes (magic numbers), ignoring its name: some Brain Tumor MRI
 * files named .jpg are PNGs. Returns null for anything else.
 * Example: sniffFormat(Uint8Array.of(0xff, 0xd8, 0xff, 0xe0)) -> 'jpeg'
 */
export function sniffFormat(bytes: Uint8Array): ImageFormat | null {
  const b = (i: number) => bytes[i];
  if (bytes.length >= 3 && b(0) === 0xff && b(1) === 0xd8 && b(2) === 0xff) return 'jpeg';
  if (bytes.length >= 8 && b(0) === 0x89 && b(1) === 0x50 && b(2) === 0x4e && b(3) === 0x47 && b(4) === 0x0d && b(5) === 0x0a && b(6) === 0x1a && b(7) === 0x0a)
    return 'png';
  if (bytes.length >= 4 && ((b(0) === 0x49 && b(1) === 0x49 && b(2) === 0x2a && b(3) === 0x00) || (b(0) === 0x4d && b(1) === 0x4d && b(2) === 0x00 && b(3) === 0x2a)))
    return 'tiff';
  if (bytes.length >= 2 && b(0) === 0x42 && b(1) === 0x4d) return 'bmp';
  if (bytes.length >= 4 && b(0) === 0x47 && b(1) === 0x49 && b(2) === 0x46 && b(3) === 0x38) return 'gif';
  if (bytes.length >= 12 && b(0) === 0x52 && b(1) === 0x49 && b(2) === 0x46 && b(3) === 0x46 && b(8) === 0x57 && b(9) === 0x45 && b(10) === 0x42 && b(11) === 0x50)
    return 'webp';
  return null;
}
