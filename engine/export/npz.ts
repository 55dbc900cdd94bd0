import { float32LittleEndian, sizeOf, type NamedTensor } from './tensor';
import { zipFiles } from './zip';

/**
 * One .npy file (format 1.0) holding a little-endian float32 array: magic, version, a Python-dict header
 * padded with spaces and ended by a newline so the data starts on a 64-byte boundary, then the values in C
 * order. Example header: `{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }`.
 */
export function writeNpy(shape: readonly number[], data: Float32Array): Uint8Array {
  if (sizeOf(shape) !== data.length) throw new Error(`npy: ${data.length} values for shape (${shape.join(', ')})`);
  const dims = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': ${dims}, }`;
  const total = Math.ceil((10 + header.length + 1) / 64) * 64;
  header = header + ' '.repeat(total - 10 - header.length - 1) + '\n';
  const out = new Uint8Array(total + data.length * 4);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0);
  new DataView(out.buffer).setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  out.set(float32LittleEndian(data), total);
  return out;
}

/**
 * A .npz archive (numpy.savez): a zip, entries stored uncompressed, of `<name>.npy` files; `np.load(path)[name]`
 * reads each back. Names may contain `/` (numpy keeps it in the key).
 */
export function writeNpz(arrays: readonly NamedTensor[]): Uint8Array {
  return zipFiles(
    arrays.map((a) => ({ path: `${a.name}.npy`, content: writeNpy(a.shape, a.data) })),
    0,
  );
}
