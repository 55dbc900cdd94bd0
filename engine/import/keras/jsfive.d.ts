/** The part of jsfive (a pure JavaScript HDF5 reader, public domain) the Keras importer uses. */
declare module 'jsfive' {
  export class Dataset {
    readonly shape: number[];
    readonly dtype: string | unknown;
    readonly value: ArrayLike<number>;
    readonly attrs: Record<string, unknown>;
  }
  export class Group {
    readonly keys: string[];
    readonly attrs: Record<string, unknown>;
    get(path: string): Group | Dataset | null;
  }
  export class File extends Group {
    constructor(buffer: ArrayBuffer, filename?: string);
  }
}
