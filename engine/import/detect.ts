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
