import type { NamedTensor } from '../../export/tensor';
import { int, type OnnxAttribute, type OnnxNode } from './proto';

/**
 * Constant folding of the small shape computations torch.onnx.export writes around F.pad, view() and
 * interpolate (Shape -> Gather -> Unsqueeze -> Concat -> Reshape, ConstantOfShape -> Slice -> Transpose...),
 * so a Pad or Reshape whose pads or target shape are computed still reads as constants. Only tiny 0-D to 2-D
 * tensors are folded; anything else returns undefined and the node stays a shape computation.
 */

type Const = Pick<NamedTensor, 'shape' | 'data'>;
const MAX = 4096;

const c = (shape: number[], values: ArrayLike<number>): Const => ({ shape, data: Float32Array.from(values) });
const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);
const attr = (node: OnnxNode, name: string): OnnxAttribute | undefined => node.attribute.find((a) => a.name === name);


/** The folded outputs of `node` from its constant inputs, or undefined when it cannot be folded. */
export function foldNode(node: OnnxNode, input: (name: string) => Const | undefined): Const | undefined {
  const ins = node.input.map((n) => (n === '' ? undefined : input(n)));
  const a = ins[0];
  const b = ins[1];
  switch (node.opType) {
    case 'Cast':
    case 'Identity':
      return a;
    // The shape of a constant (exports without constant folding pad through Shape of a Constant).
    case 'Shape':
      return a ? c([a.shape.length], a.shape) : undefined;
    case 'ConstantOfShape': {
      if (!a) return undefined;
      const shape = Array.from(a.data);
      if (size(shape) > MAX) return undefined;
      const t = attr(node, 'value')?.t;
      const v = t ? (t.rawData.length >= 4 && t.dataType === 1 ? new DataView(t.rawData.buffer, t.rawData.byteOffset).getFloat32(0, true) : t.rawData.length >= 8 ? Number(new DataView(t.rawData.buffer, t.rawData.byteOffset).getBigInt64(0, true)) : 0) : 0;
      return c(shape, new Array(size(shape)).fill(v));
    }
    case 'Gather': {
      if (!a || !b || a.shape.length !== 1 || (int(attr(node, 'axis')?.i) ?? 0) !== 0) return undefined;
      const idx = Array.from(b.data).map((i) => (i < 0 ? i + a.data.length : i));
      if (idx.some((i) => i < 0 || i >= a.data.length)) return undefined;
      return c(b.shape, idx.map((i) => a.data[i]));
    }
    case 'Unsqueeze':
    case 'Squeeze':
      if (!a || a.data.length > MAX) return undefined;
      return c(node.opType === 'Unsqueeze' ? [a.data.length] : a.data.length === 1 ? [] : [a.data.length], a.data);
    case 'Concat': {
      if (ins.some((t) => !t || t.shape.length > 1)) return undefined;
      const all = (ins as Const[]).flatMap((t) => Array.from(t.data));
      return all.length > MAX ? undefined : c([all.length], all);
    }
    case 'Reshape': {
      if (!a || !b) return undefined;
      const target = Array.from(b.data);
      const known = target.reduce((p, d, i) => p * (d === -1 ? 1 : d === 0 ? a.shape[i] ?? 1 : d), 1);
      const shape = target.map((d, i) => (d === -1 ? a.data.length / known : d === 0 ? a.shape[i] : d));
      return size(shape) === a.data.length ? c(shape, a.data) : undefined;
    }
    case 'Slice': {
      // Along axis 0 only (what F.pad's pads reversal needs), steps of +-1.
      const [starts, ends, axes, steps] = [ins[1], ins[2], ins[3], ins[4]].map((t) => (t ? Array.from(t.data) : undefined));
      if (!a || !starts || !ends || (axes && (axes.length !== 1 || axes[0] !== 0)) || starts.length !== 1) return undefined;
      const n = a.shape[0];
      const step = steps?.[0] ?? 1;
      const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v < 0 ? v + n : v));
      const rows: number[] = [];
      if (step === 1) for (let i = clamp(starts[0], 0, n); i < clamp(ends[0], 0, n); i++) rows.push(i);
      else if (step === -1) for (let i = clamp(starts[0], -1, n - 1); i > (ends[0] < -n ? -1 : clamp(ends[0], -1, n - 1)); i--) rows.push(i);
      else return undefined;
      const width = a.data.length / n;
      return c([rows.length, ...a.shape.slice(1)], rows.flatMap((r) => Array.from(a.data.subarray(r * width, (r + 1) * width))));
    }
    case 'Transpose': {
      if (!a || a.shape.length !== 2) return a && a.shape.length < 2 ? a : undefined;
      const [r, k] = a.shape;
      const out: number[] = [];
      for (let j = 0; j < k; j++) for (let i = 0; i < r; i++) out.push(a.data[i * k + j]);
      return c([k, r], out);
    }
    case 'Add':
    case 'Sub':
    case 'Mul':
    case 'Div': {
      if (!a || !b) return undefined;
      const [big, small] = a.data.length >= b.data.length ? [a, b] : [b, a];
      if (small.data.length !== 1 && small.data.length !== big.data.length) return undefined;
      const f = { Add: (x: number, y: number) => x + y, Sub: (x: number, y: number) => x - y, Mul: (x: number, y: number) => x * y, Div: (x: number, y: number) => Math.trunc(x / y) }[node.opType];
      const at = (t: Const, i: number) => t.data[t.data.length === 1 ? 0 : i];
      return c(big.shape, Array.from(big.data, (_, i) => f(at(a, i), at(b, i))));
    }
    default:
      return undefined;
  }
}

