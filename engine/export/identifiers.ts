/**
 * Names and literals for generated code. Node names are user text: anything may be in them (quotes,
 * newlines, `__init__`, `import os`). Exported code never pastes that text raw: a node becomes an ASCII
 * snake_case identifier that is valid, not reserved and unique, and any user text that is shown (a title, a
 * class name, a node's original name in a comment) goes through the escapers below.
 */

/** Python keywords and soft keywords (Python 3.12). */
const PYTHON_KEYWORDS = [
  'false', 'none', 'true', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del',
  'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal',
  'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield', 'match', 'case', 'type',
];

/** Python builtins a local name would shadow. */
const PYTHON_BUILTINS = [
  'abs', 'aiter', 'all', 'anext', 'any', 'ascii', 'bin', 'bool', 'breakpoint', 'bytearray', 'bytes', 'callable',
  'chr', 'classmethod', 'compile', 'complex', 'copyright', 'credits', 'delattr', 'dict', 'dir', 'divmod',
  'enumerate', 'eval', 'exec', 'exit', 'filter', 'float', 'format', 'frozenset', 'getattr', 'globals', 'hasattr',
  'hash', 'help', 'hex', 'id', 'input', 'int', 'isinstance', 'issubclass', 'iter', 'len', 'license', 'list',
  'locals', 'map', 'max', 'memoryview', 'min', 'next', 'object', 'oct', 'open', 'ord', 'pow', 'print', 'property',
  'quit', 'range', 'repr', 'reversed', 'round', 'set', 'setattr', 'slice', 'sorted', 'staticmethod', 'str', 'sum',
  'super', 'tuple', 'vars', 'zip',
];

/**
 * Attributes of torch.nn.Module (1.13 to 2.x): a layer stored as `self.train` would be hidden behind the
 * method of that name, so the model would silently not use it.
 */
const TORCH_MODULE_ATTRIBUTES = [
  'add_module', 'apply', 'bfloat16', 'buffers', 'call_super_init', 'children', 'compile', 'cpu', 'cuda',
  'double', 'dump_patches', 'eval', 'extra_repr', 'float', 'forward', 'get_buffer', 'get_extra_state',
  'get_parameter', 'get_submodule', 'half', 'ipu', 'load_state_dict', 'modules', 'mtia', 'named_buffers',
  'named_children', 'named_modules', 'named_parameters', 'parameters', 'register_backward_hook',
  'register_buffer', 'register_forward_hook', 'register_forward_pre_hook', 'register_full_backward_hook',
  'register_full_backward_pre_hook', 'register_load_state_dict_post_hook', 'register_load_state_dict_pre_hook',
  'register_module', 'register_parameter', 'register_state_dict_post_hook', 'register_state_dict_pre_hook',
  'requires_grad_', 'set_extra_state', 'set_submodule', 'share_memory', 'smart_apply', 'state_dict', 'to',
  'to_empty', 'train', 'training', 'xpu', 'zero_grad',
];

/** JavaScript reserved words, strict-mode and module reserved words, and globals the ES module must see. */
const JS_RESERVED = [
  'await', 'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else',
  'enum', 'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'implements', 'import', 'in',
  'instanceof', 'interface', 'let', 'new', 'null', 'package', 'private', 'protected', 'public', 'return', 'static',
  'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'yield', 'arguments',
  'eval', 'undefined', 'nan', 'infinity', 'object', 'array', 'math', 'number', 'string', 'boolean', 'symbol',
  'promise', 'json', 'console', 'globalthis', 'window', 'self', 'document', 'async', 'of', 'get', 'set',
];

/** Module and helper names the generated files use for themselves. */
const GENERATED = [
  'tf', 'keras', 'layers', 'np', 'numpy', 'torch', 'nn', 'f', 'math', 'json', 'struct', 'os', 'sys', 'path',
  'pathlib', 'array', 'csv', 'collections', 'random', 'time', 'zlib', 'argparse', 'dist', 'x', 'model', 'inputs',
  'outputs', 'build_model', 'load_weights', 'compile_model', 'load_safetensors', 'save_safetensors', 'main',
  'args', 'device', 'weights', 'classes', 'input_shape', 'logits', 'head_logits',
];

/** Every name a node identifier must avoid (all lower case: identifiers are lower snake_case). */
export const RESERVED_NAMES: ReadonlySet<string> = new Set([
  ...PYTHON_KEYWORDS,
  ...PYTHON_BUILTINS,
  ...TORCH_MODULE_ATTRIBUTES,
  ...JS_RESERVED,
  ...GENERATED,
]);

/** Longest identifier stem; long labels are cut so the code stays readable. */
export const MAX_IDENTIFIER_LENGTH = 40;

/**
 * The readable snake_case stem of a name: accents dropped, camelCase split, lower case, every other
 * character turned into `_`, leading digits prefixed with `layer_`. Empty when nothing usable is left.
 * Never ends or starts with `_`, so `__init__` -> `init`.
 *
 * @example identifierStem('Conv Block 1') // 'conv_block_1'
 * @example identifierStem('myConv') // 'my_conv'
 * @example identifierStem('x"); import os; #') // 'x_import_os'
 */
export function identifierStem(name: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  const stem = /^[0-9]/.test(ascii) ? `layer_${ascii}` : ascii;
  return stem.slice(0, MAX_IDENTIFIER_LENGTH).replace(/_+$/, '');
}

/**
 * Code names for a list of nodes, in order: the PyTorch attribute and state-dict prefix (`self.conv_1`) and
 * the variable of the node's tensor in every target. Each comes from the node's name, or `fallback` (e.g. the
 * Keras default name of its type) when the name has nothing usable; duplicates get `_2`, `_3`, ...; a
 * reserved word gets a trailing `_` (PEP 8's `class_`), which no other name has. Deterministic.
 *
 * @example assignNames([{name: 'class', fallback: 'dense'}, {name: 'Class', fallback: 'dense'}])
 *   // ['class_', 'class_2']
 */
export function assignNames(items: readonly { name: string; fallback: string }[]): string[] {
  const taken = new Set<string>();
  return items.map(({ name, fallback }) => {
    const stem = identifierStem(name) || identifierStem(fallback) || 'layer';
    let base = stem;
    for (let n = 2; taken.has(base); n++) base = `${stem}_${n}`;
    taken.add(base);
    return RESERVED_NAMES.has(base) ? `${base}_` : base;
  });
}

/** `\uXXXX` of one UTF-16 code unit. */
function u4(code: number): string {
  return `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * A Python string literal in double quotes holding exactly `text`, written in printable ASCII only: quotes and
 * backslashes escaped, every other character outside space..tilde as `\xNN`, `\uNNNN` or `\UNNNNNNNN`.
 * Nothing in `text` can end the literal or the line.
 *
 * @example pyString('x"); import os; #') // '"x\\"); import os; #"'
 */
export function pyString(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (code >= 0x20 && code < 0x7f) out += ch;
    else if (code < 0x100) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code < 0x10000) out += u4(code);
    else out += `\\U${code.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}

/**
 * A JavaScript string literal (single quotes) holding exactly `text`, in printable ASCII only: quotes and
 * backslashes escaped, everything else as `\uXXXX` (so no line terminator, not even U+2028, and no `</script>`
 * can end it).
 */
export function jsString(text: string): string {
  let out = "'";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const code = text.charCodeAt(i);
    if (ch === "'" || ch === '\\') out += `\\${ch}`;
    else if (code >= 0x20 && code < 0x7f && ch !== '<' && ch !== '>') out += ch;
    else out += u4(code);
  }
  return `${out}'`;
}

/**
 * User text made safe for a one-line comment (`# ...`, `// ...`), inside a docstring or JSDoc block, and in
 * Markdown prose: printable ASCII kept, everything else as `\uXXXX`, so no newline, carriage return, U+2028
 * or other line break can start a line of code. Also escaped: `"` and `\` (a docstring's `"""` or a trailing
 * backslash cannot end it), the `/` of `*\/` (cannot close a block comment), and `<`, `>` and backticks (no
 * HTML or code spans in a README). Cut to about `max` characters, with `...` when cut.
 *
 * @example commentText('a\nimport os') // 'a\\u000aimport os'
 */
export function commentText(text: string, max = 120): string {
  let out = '';
  let i = 0;
  for (; i < text.length && out.length < max; i++) {
    const ch = text[i];
    const code = text.charCodeAt(i);
    const plain = code >= 0x20 && code < 0x7f && !'<>`"\\'.includes(ch) && !(ch === '/' && text[i - 1] === '*');
    out += plain ? ch : u4(code);
  }
  return i < text.length ? `${out}...` : out;
}
