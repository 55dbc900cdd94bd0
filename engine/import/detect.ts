/**
 * Telling a model from a Convas graph document among dropped or chosen files, before reading them whole.
 * A Convas graph is one .json file; a model is model.json with its weight files, a folder, a .zip, one
 * .onnx / .h5 / .keras file, or a Keras architecture .json.
 */

/** Extensions that are always a model (or its weights), never a graph document. */
const MODEL_EXTENSIONS = ['onnx', 'h5', 'hdf5', 'keras', 'zip', 'bin'];

const extension = (name: string) => name.slice(name.lastIndexOf('.') + 1).toLowerCase();

/**
 * True when files with these names (by name and count) are a model rather than a graph document.
 * Example: looksLikeModel(['model.json', 'group1-shard1of1.bin']) -> true; looksLikeModel(['my-cnn.json']) -> false
 */
export function looksLikeModel(names: readonly string[]): boolean {
  if (names.length > 1) return true;
  return names.some((n) => MODEL_EXTENSIONS.includes(extension(n)) || n.toLowerCase() === 'model.json');
}

/**
 * True when the start of a .json file is a model description (tfjs model.json or Keras model.to_json()).
 * Example: isModelJsonText('{"class_name": "Sequential", ...') -> true; a Convas graph -> false
 */
export function isModelJsonText(head: string): boolean {
  const text = head.slice(0, 4096);
  return /"modelTopology"\s*:/.test(text) || (/^\s*\{\s*"(class_name|module)"\s*:/.test(text) && !/"format"\s*:\s*"convas-graph"/.test(text));
}

const LFS_HEADER = 'version https://git-lfs.github.com/spec/';

/**
 * The size of the real file when `bytes` is a Git LFS pointer (the ~130 bytes of text a repository stores
 * in place of a large file it keeps elsewhere), else null. Cloned or downloaded without LFS, a repository's
 * model.h5 or .onnx is such a pointer; it must be named as such, not as a damaged model.
 * Example: lfsPointerSize(bytes of 'version https://git-lfs...\noid sha256:...\nsize 137445137\n') -> 137445137
 */
export function lfsPointerSize(bytes: Uint8Array): number | null {
  if (bytes.length > 1024 || bytes.length < LFS_HEADER.length) return null;
  const text = new TextDecoder().decode(bytes);
  if (!text.startsWith(LFS_HEADER)) return null;
  const size = /^size (\d+)\s*$/m.exec(text);
  return size ? Number(size[1]) : 0;
}

/** The message for a Git LFS pointer met where a model file (or a weight file) should be. */
export function lfsPointerMessage(file: string, size: number): string {
  const real = size >= 2 ** 20 ? `${(size / 2 ** 20).toFixed(1)} MB` : `${size.toLocaleString('en-US')} bytes`;
  return `${file} is a Git LFS pointer (a short text standing in for the real ${size ? `${real} ` : ''}file), not the model itself. Download the file itself (git lfs pull, or the file's download button on the repository's page) and import that.`;
}
