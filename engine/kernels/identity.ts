/**
 * Identity for the wasm backend without a copy. The engine clones every tensor it saves for the
 * backward pass (about 40 per CNN training step); the stock wasm Identity copies the data each time,
 * while the cpu and webgl backends share it by reference count, as Reshape already does on wasm.
 * Sharing is safe because no kernel writes into its inputs.
 */
import type * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

export const identityWasmConfig: tf.KernelConfig = {
  kernelName: 'Identity',
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend }) => {
    const { x } = inputs as { x: tf.TensorInfo };
    (backend as BackendWasm).incRef(x.dataId);
    return { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype };
  },
};
