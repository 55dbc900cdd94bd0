import type { Category } from '@/graph/types';

/**
 * How each palette category looks: its title and colours. Class names are written out in full so Tailwind
 * finds them. The accent marks cards, palette dots and minimap nodes; the colours stay distinguishable for
 * the common colour-vision deficiencies because each also differs in lightness.
 */
export interface CategoryStyle {
  title: string;
  /** Card header strip and palette dot background. */
  dot: string;
  /** Card header tint. */
  header: string;
  /** Text colour of the type label on the tinted header. */
  text: string;
  /** Raw colour for the minimap (it draws SVG, not classes). */
  hex: string;
}

export const CATEGORY_STYLES = {
  io: { title: 'Input / Output', dot: 'bg-slate-500', header: 'bg-slate-100', text: 'text-slate-700', hex: '#64748b' },
  convolution: { title: 'Convolution', dot: 'bg-sky-600', header: 'bg-sky-50', text: 'text-sky-800', hex: '#0284c7' },
  activation: { title: 'Activation', dot: 'bg-amber-500', header: 'bg-amber-50', text: 'text-amber-800', hex: '#f59e0b' },
  pooling: { title: 'Pooling', dot: 'bg-emerald-600', header: 'bg-emerald-50', text: 'text-emerald-800', hex: '#059669' },
  dense: { title: 'Dense & reshaping', dot: 'bg-violet-600', header: 'bg-violet-50', text: 'text-violet-800', hex: '#7c3aed' },
  merge: { title: 'Merge', dot: 'bg-rose-500', header: 'bg-rose-50', text: 'text-rose-800', hex: '#f43f5e' },
  regularisation: { title: 'Regularisation', dot: 'bg-teal-500', header: 'bg-teal-50', text: 'text-teal-800', hex: '#14b8a6' },
  upsampling: { title: 'Upsampling', dot: 'bg-orange-500', header: 'bg-orange-50', text: 'text-orange-800', hex: '#f97316' },
} as const satisfies Record<Category, CategoryStyle>;
