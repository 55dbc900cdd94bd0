import type { DatasetFormat } from '../report';
import type { SourceEntry } from '../source';
import { brainClassOf, splitOf } from './brainTumorMri';
import { HAM_CLASSES, HAM_METADATA } from './ham10000';
import { HMNIST_FILE, pickHmnist } from './hmnist';
import { IMAGE_EXTENSIONS, baseOf, dirOf } from './paths';

/** A fatal import problem (nothing recognisable, several datasets at once, an unreadable table). */
export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportError';
  }
}

/** What each layout looks like, for messages when nothing matches. */
export const LOOKED_FOR: Record<DatasetFormat, string> = {
  ham10000:
    'ham10000: HAM10000_metadata.csv with ISIC_*.jpg images (HAM10000_images_part_1/ + _part_2/, or one folder), ' +
    'or class folders akiec/ bcc/ bkl/ df/ mel/ nv/ vasc/ of images',
  'hmnist-csv': 'hmnist-csv: a file named hmnist_<height>_<width>_<L|RGB>.csv (pixel0000..pixelNNNN,label)',
  'brain-tumor-mri': 'brain-tumor-mri: Training/ and/or Testing/ folders, each with glioma/ meningioma/ notumor/ pituitary/',
  'lgg-kaggle3m': 'lgg-kaggle3m: patient folders of <id>_<n>.tif images with <id>_<n>_mask.tif masks (kaggle_3m)',
};

/** One place a layout was recognised. `file` is the metadata or CSV that marks it, when there is one. */
export interface Candidate {
  format: DatasetFormat;
  root: string;
  file?: string;
}

/** Every layout recognisable in the listing, by the marks each one leaves in paths. */
export function findCandidates(entries: readonly SourceEntry[]): Candidate[] {
  const out: Candidate[] = [];
  const seen = new Set<string>();
  const add = (c: Candidate) => {
    const key = `${c.format}\u0000${c.root}\u0000${c.file ?? ''}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(c);
    }
  };
  const hamClassFolders = new Map<string, Set<string>>();
  for (const { path } of entries) {
    const base = baseOf(path);
    if (HAM_METADATA.test(base)) add({ format: 'ham10000', root: dirOf(path), file: path });
    if (HMNIST_FILE.test(base)) add({ format: 'hmnist-csv', root: dirOf(path), file: path });
    if (/_mask\.tiff?$/i.test(base)) add({ format: 'lgg-kaggle3m', root: dirOf(dirOf(path)) });
    const parts = path.split('/');
    for (let i = 0; i + 2 < parts.length; i++)
      if (splitOf(parts[i]) && brainClassOf(parts[i + 1]) !== undefined) add({ format: 'brain-tumor-mri', root: parts.slice(0, i).join('/') });
    const folder = dirOf(path);
    if (IMAGE_EXTENSIONS.test(base) && (HAM_CLASSES as readonly string[]).includes(baseOf(folder).toLowerCase())) {
      const parent = dirOf(folder);
      if (!hamClassFolders.has(parent)) hamClassFolders.set(parent, new Set());
      hamClassFolders.get(parent)?.add(baseOf(folder).toLowerCase());
    }
  }
  // Class folders alone count as HAM10000 when at least two of the seven sit side by side and no metadata covers them.
  const metadataRoots = out.filter((c) => c.format === 'ham10000').map((c) => c.root);
  for (const [parent, classes] of hamClassFolders)
    if (classes.size >= 2 && !metadataRoots.some((r) => r === '' || parent === r || parent.startsWith(r + '/'))) add({ format: 'ham10000', root: parent });
  return out;
}

/** The layout to read, the file that marks it, and notes about what else was found and left alone. */
export interface Choice {
  format: DatasetFormat;
  root: string;
  file?: string;
  notes: string[];
}

const byDepth = (a: Candidate, b: Candidate) =>
  Number(b.file !== undefined) - Number(a.file !== undefined) ||
  a.root.split('/').length - b.root.split('/').length ||
  (a.root < b.root ? -1 : a.root > b.root ? 1 : 0);

/**
 * Picks the layout to import. A forced `format` must be present. Otherwise exactly one format must be
 * found, except HAM10000 metadata + hmnist CSVs together (the Kaggle download ships both): then the
 * metadata layout wins and a note names the CSVs. Several copies of one format (the Kaggle LGG download
 * holds kaggle_3m/ twice) take the shallowest and note the others.
 * Throws ImportError listing what was looked for when nothing fits.
 */
export function chooseLayout(
  entries: readonly SourceEntry[],
  label: string,
  opts: { format?: DatasetFormat; want?: { size?: number; channels?: 1 | 3 } } = {},
): Choice {
  const all = findCandidates(entries);
  const formats = [...new Set(all.map((c) => c.format))];
  let format: DatasetFormat;
  const notes: string[] = [];
  if (opts.format) {
    if (!formats.includes(opts.format))
      throw new ImportError(`No ${opts.format} layout found in ${label} (${entries.length} files). Looked for:\n  - ${LOOKED_FOR[opts.format]}`);
    format = opts.format;
  } else if (formats.length === 0) {
    throw new ImportError(
      `No known dataset layout found in ${label} (${entries.length} files). Looked for:\n` +
        Object.values(LOOKED_FOR)
          .map((l) => `  - ${l}`)
          .join('\n'),
    );
  } else if (formats.length === 2 && formats.includes('ham10000') && formats.includes('hmnist-csv')) {
    format = 'ham10000';
    const csvs = all.filter((c) => c.format === 'hmnist-csv').map((c) => c.file);
    notes.push(`Also found ${csvs.join(', ')}; read ${csvs.length > 1 ? 'them' : 'it'} with format hmnist-csv (--format hmnist-csv).`);
  } else if (formats.length > 1) {
    throw new ImportError(
      `Several datasets found in ${label}: ` +
        all.map((c) => `${c.format} at ${c.file ?? (c.root || '(top folder)')}`).join('; ') +
        '. Point at one dataset folder, or choose one with --format.',
    );
  } else format = formats[0];

  const of = all.filter((c) => c.format === format).sort(byDepth);
  if (format === 'hmnist-csv') {
    const files = of.map((c) => c.file ?? '');
    const file = pickHmnist(files, opts.want ?? {});
    if (files.length > 1) notes.push(`Several hmnist files: read ${file}; the others (${files.filter((f) => f !== file).join(', ')}) were left alone.`);
    return { format, root: dirOf(file), file, notes };
  }
  const chosen = of[0];
  const others = of.slice(1).filter((c) => !(format === 'ham10000' && c.file === undefined && chosen.file !== undefined && (chosen.root === '' || c.root.startsWith(chosen.root + '/'))));
  if (others.length > 0) notes.push(`Also found ${format} at ${others.map((c) => c.file ?? (c.root || '(top folder)')).join(', ')} (a second copy?); only ${chosen.file ?? (chosen.root || 'the top folder')} was read.`);
  return { format, root: chosen.root, file: chosen.file, notes };
}
