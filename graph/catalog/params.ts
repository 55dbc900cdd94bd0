import type { Params } from '../types';
import type { CatalogEntry, ParamSpec, ShapeError } from './types';

/**
 * Checks a node's params against its catalog specs: the kind (whole number, number, option, true/false)
 * and the bounds. Returns the first problem as a ShapeError (`param-wrong-kind` or `param-out-of-range`)
 * carrying a suggested value, or undefined when all are fine. Missing params are not checked here
 * (fill them with `withDefaults` first); unknown extra keys are ignored.
 * Example: checkParams(CATALOG.Conv2D, { ...defaults, kernelSize: 0 }) -> param-out-of-range, suggest 1.
 */
export function checkParams(entry: CatalogEntry, params: Params): ShapeError | undefined {
  for (const name in entry.params) {
    const problem = checkParam(name, entry.params[name], params[name]);
    if (problem) return problem;
  }
  return undefined;
}

function shown(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : String(value);
}

function wrongKind(param: string, spec: ParamSpec, value: unknown, expected: string): ShapeError {
  const suggest = spec.default;
  return {
    ok: false,
    code: 'param-wrong-kind',
    params: {
      param,
      label: spec.label,
      value: shown(value),
      expected,
      suggest: typeof suggest === 'boolean' ? String(suggest) : suggest,
      suggestType: typeof suggest,
    },
  };
}

function checkParam(name: string, spec: ParamSpec, value: unknown): ShapeError | undefined {
  switch (spec.kind) {
    case 'int':
    case 'float': {
      const whole = spec.kind === 'int';
      if (typeof value !== 'number' || !Number.isFinite(value) || (whole && !Number.isInteger(value))) {
        return wrongKind(name, spec, value, whole ? 'a whole number' : 'a number');
      }
      if (value < spec.min || value > spec.max) {
        const suggest = Math.min(spec.max, Math.max(spec.min, value));
        return {
          ok: false,
          code: 'param-out-of-range',
          params: { param: name, label: spec.label, value, min: spec.min, max: spec.max, suggest },
        };
      }
      return undefined;
    }
    case 'enum':
      return typeof value === 'string' && spec.options.includes(value)
        ? undefined
        : wrongKind(name, spec, value, `one of ${spec.options.join(', ')}`);
    case 'bool':
      return typeof value === 'boolean' ? undefined : wrongKind(name, spec, value, 'true or false');
  }
}
