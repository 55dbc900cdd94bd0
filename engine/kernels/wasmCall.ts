/**
 * Small helpers for kernels composed of other wasm kernels. A composed kernel runs inside the engine's
 * kernel call, so it must not use tf ops (they would be recorded on the gradient tape and tracked as
 * tensors); it calls the wasm backend's kernel functions directly and frees every intermediate itself.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/** A tensor living on the wasm heap, not known to the engine (no `tf.Tensor` wrapper). */
export type Info = tf.TensorInfo;
export type Shape4 = [number, number, number, number];

/** Runs the registered wasm kernel `name` on `inputs` and returns its (engine-untracked) output. */
export function callWasm(
  backend: BackendWasm,
  name: string,
  inputs: Record<string, Info>,
  attrs: tf.NamedAttrMap = {},
): Info {
  const kernel = tf.getKernel(name, 'wasm');
  if (kernel === undefined) throw new Error(`Kernel '${name}' is not registered for backend 'wasm'`);
  const out = kernel.kernelFunc({ inputs, backend, attrs });
  if (Array.isArray(out)) throw new Error(`Kernel '${name}' returned several outputs; one was expected`);
  return out;
}

/** Frees intermediates made by {@link callWasm} or {@link allocF32}. */
export function release(backend: BackendWasm, ...infos: Info[]): void {
  for (const info of infos) backend.disposeData(info.dataId);
}

/** Allocates an uninitialised float32 tensor on the wasm heap. */
export function allocF32(backend: BackendWasm, shape: number[]): Info {
  return backend.makeOutput(shape, 'float32');
}

/** Allocates a float32 tensor on the wasm heap filled with zeros (what accumulating kernels add into). */
export function allocZerosF32(backend: BackendWasm, shape: number[]): Info {
  const out = allocF32(backend, shape);
  heapF32(backend, out).fill(0);
  return out;
}

/**
 * A Float32Array view of `info` on the wasm heap. Take views only after the last allocation of a
 * step: a heap growth detaches earlier views.
 */
export function heapF32(backend: BackendWasm, info: Info): Float32Array {
  return backend.typedArrayFromHeap(info) as Float32Array;
}

/**
 * A float32 tensor's values without a copy where the backend allows it: on wasm a view on the heap (valid
 * until the next heap allocation: read it at once), elsewhere `dataSync()`. For per-step reads whose copies
 * would only be garbage (a data-parallel replica's gradients).
 */
export function valuesNow(t: tf.Tensor): Float32Array {
  const backend = tf.backend();
  if (tf.getBackend() === 'wasm') return heapF32(backend as BackendWasm, t);
  return t.dataSync() as Float32Array;
}

/** The byte address of `info` on the wasm heap, as the SIMD kernels (simd/module.ts) take their operands. */
export function heapAddress(backend: BackendWasm, info: Info): number {
  return backend.dataIdMap.get(info.dataId)!.memoryOffset;
}

/** Transposes on the wasm heap (XNNPACK-backed kernel). */
export function transposeWasm(backend: BackendWasm, x: Info, perm: number[]): Info {
  return callWasm(backend, 'Transpose', { x }, { perm });
}

/** Explicit NHWC padding in tfjs' `ExplicitPadding` form. */
export function explicitPad(top: number, bottom: number, left: number, right: number): tf.NamedAttrMap['pad'] {
  return [
    [0, 0],
    [top, bottom],
    [left, right],
    [0, 0],
  ];
}

/**
 * Runs the wasm (XNNPACK) Conv2D with explicit padding: `x` [B,H,W,Cin], `filter` [KH,KW,Cin,Cout].
 * XNNPACK accepts stride and dilation together, which tfjs' op-level check forbids but the kernel allows.
 */
export function conv2dWasm(
  backend: BackendWasm,
  x: Info,
  filter: Info,
  stride: [number, number],
  dilation: [number, number],
  pad: { top: number; bottom: number; left: number; right: number },
): Info {
  return callWasm(
    backend,
    'Conv2D',
    { x, filter },
    {
      strides: stride,
      dilations: dilation,
      pad: explicitPad(pad.top, pad.bottom, pad.left, pad.right),
      dataFormat: 'NHWC',
    },
  );
}
