/**
 * Importers for the real public datasets (HAM10000, its hmnist CSVs, Brain Tumor MRI, LGG kaggle_3m).
 * Everything here runs in the browser, a worker and Node; the Node directory source is in nodeSource.ts.
 */
export { type BlobFile, type FileLike, type FileSource, type SourceEntry, blobListSource, fileListSource, zipSource } from './source';
export { decodeImage, probeImage } from './decode/decode';
export type { ImageDecoder, ImageInfo, RawImage } from './decode/types';
export { convertChannels, fitImage, fitMask, resizeImage } from './resize';
export { parseCsv, parseCsvRecords } from './csv';
export { ImportError, LOOKED_FOR } from './formats/detect';
export { HMNIST_LABELS } from './formats/hmnist';
export { DATASET_FORMATS, type DatasetFormat, type InspectReport, type SkippedFile } from './report';
export { type InspectOptions, inspectSource } from './inspect';
export { DEFAULT_TASK, type ImportOptions, importDataset } from './importDataset';
export { type BitmapApi, bitmapDecoder } from './decode/bitmap';
export { type DroppedEntry, droppedEntriesSource, droppedFiles } from './dropSource';
