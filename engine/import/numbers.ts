/**
 * Number formats model files store weights in, decoded to float32: little-endian float32/float64/int32,
 * IEEE half floats (tfjs float16 quantisation, ONNX FLOAT16, HDF5 f2), and tfjs' affine uint8/uint16
 * quantisation (`value = q * scale + min`).
 */

/** An IEEE 754 half-precision value (16 bits) as a number. Example: halfToFloat(0x3c00) -> 1 */
export function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * 2 ** -14 * (frac / 1024);
  if (exp === 0x1f) return frac ? NaN : sign * Infinity;
  return sign * 2 ** (exp - 15) * (1 + frac / 1024);
}

export type StoredNumber = 'float32' | 'float64' | 'float16' | 'int32' | 'int64' | 'uint8' | 'uint16';

/** Bytes per stored value. */
export const STORED_BYTES: Record<StoredNumber, number> = { float32: 4, float64: 8, float16: 2, int32: 4, int64: 8, uint8: 1, uint16: 2 };

/**
 * `count` values of `type` from `bytes` at `offset`, as float32 (little-endian; `bigEndian` for HDF5 files
 * written so). Quantised integers are mapped by `scale`/`min` when given. The caller checks the bounds.
 */
export function decodeNumbers(
  bytes: Uint8Array,
  offset: number,
  count: number,
  type: StoredNumber,
  options: { scale?: number; min?: number; bigEndian?: boolean } = {},
): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, count * STORED_BYTES[type]);
  const le = !options.bigEndian;
  const out = new Float32Array(count);
  const scale = options.scale ?? 1;
  const min = options.min ?? 0;
  for (let i = 0; i < count; i++) {
    switch (type) {
      case 'float32': out[i] = view.getFloat32(i * 4, le); break;
      case 'float64': out[i] = view.getFloat64(i * 8, le); break;
      case 'float16': out[i] = halfToFloat(view.getUint16(i * 2, le)); break;
      case 'int32': out[i] = view.getInt32(i * 4, le) * scale + min; break;
      case 'int64': out[i] = Number(view.getBigInt64(i * 8, le)); break;
      case 'uint8': out[i] = view.getUint8(i) * scale + min; break;
      case 'uint16': out[i] = view.getUint16(i * 2, le) * scale + min; break;
    }
  }
  return out;
}
