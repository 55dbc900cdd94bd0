import type { NamedTensor } from '../../export/tensor';
import { decodeNumbers, type StoredNumber } from '../numbers';
import { ModelImportError } from '../types';
import { int, type OnnxTensor } from './proto';

/**
 * ONNX TensorProto -> float32 values with their dims. Weights may sit in `raw_data` (little-endian, what
 * torch.onnx.export writes) or in the typed repeated fields; weights in external files are refused.
 */

/** ONNX TensorProto.DataType codes Convas reads. */
const TYPES: Record<number, StoredNumber> = { 1: 'float32', 6: 'int32', 7: 'int64', 10: 'float16', 11: 'float64' };

/** The values of a tensor as float32 (integers converted), and its dims. */
export function tensorValues(t: OnnxTensor): NamedTensor {
  const dims = t.dims.map(int);
  const count = dims.reduce((a, b) => a * b, 1);
  if (t.dataLocation === 1 || t.externalData.length) {
    const where = t.externalData.find((e) => e.key === 'location')?.value ?? 'another file';
    throw new ModelImportError(`The weights of "${t.name}" are stored outside the .onnx file (in ${where}); export the model with its weights inside (torch.onnx.export does so for models under 2 GB).`);
  }
  const type = TYPES[t.dataType];
  if (!type) throw new ModelImportError(`Tensor "${t.name}" has ONNX data type ${t.dataType}; Convas reads float, double, float16, int32 and int64 tensors.`);
  if (t.rawData.length) {
    const size = { float32: 4, int32: 4, int64: 8, float16: 2, float64: 8, uint8: 1, uint16: 2 }[type];
    if (t.rawData.length !== count * size) throw new ModelImportError(`Tensor "${t.name}" has ${t.rawData.length} bytes where its shape [${dims.join(', ')}] needs ${count * size}: the file is damaged.`);
    return { name: t.name, shape: dims, data: decodeNumbers(t.rawData, 0, count, type) };
  }
  const list: ArrayLike<number> =
    type === 'float32' ? t.floatData : type === 'float64' ? t.doubleData : type === 'int64' ? t.int64Data.map(int) : t.int32Data;
  if (list.length !== count) throw new ModelImportError(`Tensor "${t.name}" holds ${list.length} values where its shape [${dims.join(', ')}] needs ${count}: the file is damaged.`);
  // float16 values sit in int32_data as their bit patterns.
  if (type === 'float16') {
    const bytes = new Uint8Array(new Uint16Array(Array.from(list)).buffer);
    return { name: t.name, shape: dims, data: decodeNumbers(bytes, 0, count, 'float16') };
  }
  return { name: t.name, shape: dims, data: Float32Array.from(list) };
}

/**
 * Dense kernel rows reordered from a PyTorch flatten of (C, H, W) to Convas' and tfjs' flatten of (H, W, C):
 * row `c*H*W + h*W + w` of the source becomes row `h*W*C + w*C + c`. `kernel` is [C*H*W, units].
 */
export function chwRowsToHwc(kernel: NamedTensor, c: number, h: number, w: number): NamedTensor {
  if (kernel.shape[0] !== c * h * w) throw new Error(`a kernel of ${kernel.shape[0]} rows cannot be reordered as ${c}x${h}x${w}`);
  const units = kernel.shape[1];
  const out = new Float32Array(kernel.data.length);
  for (let ci = 0; ci < c; ci++) {
    for (let hi = 0; hi < h; hi++) {
      for (let wi = 0; wi < w; wi++) {
        const from = (ci * h * w + hi * w + wi) * units;
        const to = (hi * w * c + wi * c + ci) * units;
        out.set(kernel.data.subarray(from, from + units), to);
      }
    }
  }
  return { ...kernel, data: out };
}
