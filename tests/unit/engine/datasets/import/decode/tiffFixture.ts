/**
 * A minimal uncompressed TIFF writer for tests (little-endian, one strip, 8-bit), shaped like the LGG
 * kaggle_3m files: 3 samples for images, 1 for masks.
 */
export function encodeTiff(width: number, height: number, samples: 1 | 3, pixels: Uint8Array): Uint8Array {
  const tags: [number, number, number, number][] = []; // tag, type (3 short, 4 long), count, value
  const entries = 10;
  const ifdOffset = 8;
  const ifdSize = 2 + entries * 12 + 4;
  const bitsOffset = ifdOffset + ifdSize;
  const dataOffset = bitsOffset + 6;
  tags.push([256, 3, 1, width], [257, 3, 1, height]);
  tags.push([258, 3, samples, samples === 1 ? 8 : bitsOffset]);
  tags.push([259, 3, 1, 1], [262, 3, 1, samples === 1 ? 1 : 2], [273, 4, 1, dataOffset], [277, 3, 1, samples]);
  tags.push([278, 3, 1, height], [279, 4, 1, pixels.length], [284, 3, 1, 1]);
  const out = new Uint8Array(dataOffset + pixels.length);
  const v = new DataView(out.buffer);
  out.set([0x49, 0x49, 42, 0]);
  v.setUint32(4, ifdOffset, true);
  v.setUint16(ifdOffset, entries, true);
  tags.forEach(([tag, type, count, value], i) => {
    const at = ifdOffset + 2 + i * 12;
    v.setUint16(at, tag, true);
    v.setUint16(at + 2, type, true);
    v.setUint32(at + 4, count, true);
    if (type === 3 && count === 1) v.setUint16(at + 8, value, true);
    else v.setUint32(at + 8, value, true);
  });
  v.setUint32(ifdOffset + 2 + entries * 12, 0, true);
  for (let i = 0; i < 3; i++) v.setUint16(bitsOffset + 2 * i, 8, true);
  out.set(pixels, dataOffset);
  return out;
}
