import { float32LittleEndian, sizeOf, type NamedTensor } from './tensor';

/**
 * The safetensors format (huggingface/safetensors), written directly: an 8-byte little-endian header length
 * N, N bytes of JSON `{name: {dtype: 'F32', shape, data_offsets: [begin, end]}, __metadata__: {...}}`
 * padded with spaces to a multiple of 8, then the raw little-endian tensors back to back, offsets counted
 * from the end of the header. Tensors are written in name order so the file is reproducible.
 *
 * @example writeSafetensors([{ name: 'fc.bias', shape: [2], data: new Float32Array([1, 2]) }])
 */
export function writeSafetensors(tensors: readonly NamedTensor[], metadata: Record<string, string> = {}): Uint8Array {
  const sorted = [...tensors].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length) header.__metadata__ = metadata;
  let offset = 0;
  const seen = new Set<string>();
  for (const t of sorted) {
    if (seen.has(t.name)) throw new Error(`safetensors: tensor "${t.name}" appears twice`);
    seen.add(t.name);
    if (sizeOf(t.shape) !== t.data.length) {
      throw new Error(`safetensors: tensor "${t.name}" has ${t.data.length} values for shape [${t.shape.join(', ')}]`);
    }
    const bytes = t.data.length * 4;
    header[t.name] = { dtype: 'F32', shape: t.shape, data_offsets: [offset, offset + bytes] };
    offset += bytes;
  }
  let json = JSON.stringify(header);
  // The JSON must be pure ASCII-safe UTF-8; padding with spaces keeps the tensor data 8-byte aligned.
  const encoded = new TextEncoder().encode(json);
  const padded = Math.ceil(encoded.length / 8) * 8;
  json += ' '.repeat(padded - encoded.length);
  const head = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + head.length + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(head.length), true);
  out.set(head, 8);
  let at = 8 + head.length;
  for (const t of sorted) {
    out.set(float32LittleEndian(t.data), at);
    at += t.data.length * 4;
  }
  return out;
}

/** What readSafetensors returns: the tensors in file order and the metadata. */
export interface SafetensorsContent {
  tensors: NamedTensor[];
  metadata: Record<string, string>;
}

/**
 * Reads a safetensors file of F32 tensors (what writeSafetensors writes; the tests read files back with it).
 * Throws on any other dtype or on offsets outside the file.
 */
export function readSafetensors(bytes: Uint8Array): SafetensorsContent {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = Number(view.getBigUint64(0, true));
  if (8 + n > bytes.length) throw new Error('safetensors: header runs past the end of the file');
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n))) as Record<string, unknown>;
  const base = 8 + n;
  const tensors: NamedTensor[] = [];
  let metadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(header)) {
    if (name === '__metadata__') {
      metadata = value as Record<string, string>;
      continue;
    }
    const spec = value as { dtype: string; shape: number[]; data_offsets: [number, number] };
    if (spec.dtype !== 'F32') throw new Error(`safetensors: tensor "${name}" is ${spec.dtype}, only F32 is read`);
    const [begin, end] = spec.data_offsets;
    if (base + end > bytes.length || end - begin !== sizeOf(spec.shape) * 4) throw new Error(`safetensors: bad offsets for "${name}"`);
    const data = new Float32Array(sizeOf(spec.shape));
    for (let i = 0; i < data.length; i++) data[i] = view.getFloat32(base + begin + i * 4, true);
    tensors.push({ name, shape: spec.shape, data });
  }
  return { tensors, metadata };
}
