import { CATALOG } from '@/graph/catalog';
import type { CatalogEntry } from '@/graph/catalog/types';
import { CATEGORIES, type Category, type NodeType } from '@/graph/types';
import { CATEGORY_STYLES } from '../categoryStyle';

/** One palette group: a category and its node types, in catalog order. */
export interface PaletteGroup {
  category: Category;
  title: string;
  types: NodeType[];
}

/** Abbreviations and other names people search by (Keras, PyTorch and lecture-slide words). */
const ALIASES: Partial<Record<NodeType, string>> = {
  Conv2D: 'convolution conv2d filter',
  Conv2DTranspose: 'deconvolution deconv transposed upconv',
  DepthwiseConv2D: 'depthwise dw mobilenet channelwise grouped',
  SeparableConv2D: 'separable depthwise pointwise mobilenet xception',
  MaxPooling2D: 'maxpool downsample',
  AveragePooling2D: 'avgpool avg mean downsample',
  GlobalAveragePooling2D: 'gap avg mean global',
  GlobalMaxPooling2D: 'gmp global',
  LeakyReLU: 'leaky lrelu slope prelu',
  Dense: 'fully connected fc linear mlp',
  Flatten: 'reshape vector',
  BatchNormalization: 'batchnorm bn norm',
  Dropout: 'regularization regularisation',
  Add: 'residual skip sum shortcut',
  Concatenate: 'concat skip stack',
  UpSampling2D: 'upsample resize',
  ZeroPadding2D: 'pad padding',
  Output: 'head softmax sigmoid classifier',
  Input: 'image data',
};

/** Words a type is found by besides its label: enum options (so "relu" finds Activation), aliases, the category. */
function keywords(entry: CatalogEntry): string {
  const options = Object.values(entry.params).flatMap((p) => (p.kind === 'enum' ? [...p.options] : []));
  return [entry.type, entry.label, CATEGORY_STYLES[entry.category].title, ALIASES[entry.type] ?? '', ...options].join(' ').toLowerCase();
}

/**
 * The palette's groups for a search query. Empty query: every category with all its types. Otherwise the
 * types whose label, type name, category or options contain every word of the query (or, when none does,
 * whose doc text does), best matches first within each group; empty groups are left out.
 *
 * @example paletteGroups('relu') // [{ category: 'activation', types: ['Activation'] }]
 */
export function paletteGroups(query: string): PaletteGroup[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const entries = Object.values(CATALOG) as CatalogEntry[];
  const score = (e: CatalogEntry): number => {
    if (words.length === 0) return 1;
    const keys = keywords(e);
    if (words.every((w) => e.label.toLowerCase().startsWith(w))) return 4;
    if (words.every((w) => keys.includes(w))) return 3;
    if (words.every((w) => keys.includes(w) || e.doc.toLowerCase().includes(w))) return 1;
    return 0;
  };
  // Doc text only counts when no name, category or option matches ("downsample" finds pooling by its doc,
  // but "pool" should not list Dense because its doc mentions pooling).
  const floor = entries.some((e) => score(e) > 1) ? 2 : 1;
  return CATEGORIES.map((category) => {
    const matches = entries
      .filter((e) => e.category === category)
      .map((e) => ({ type: e.type, s: score(e) }))
      .filter((m) => m.s >= floor)
      .sort((a, b) => b.s - a.s);
    return { category, title: CATEGORY_STYLES[category].title, types: matches.map((m) => m.type) };
  }).filter((g) => g.types.length > 0);
}
