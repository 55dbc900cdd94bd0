import type { NodeType, Params } from '@/graph/types';
import { settingsFromNode, type ExplorerSettings } from './settings';

/** The explanations a "?" button can open. */
export type LearnTopic = 'convolution' | 'pooling' | 'activation' | 'medical';

export const LEARN_TOPICS = [
  { id: 'convolution', title: 'Convolution' },
  { id: 'pooling', title: 'Pooling' },
  { id: 'activation', title: 'Activations' },
  { id: 'medical', title: 'Medical context' },
] as const satisfies readonly { id: LearnTopic; title: string }[];

/** Explorer params a topic can be opened with: window settings (convolution; pooling reads kernelSize and stride). */
export type LearnParams = Partial<ExplorerSettings>;

/**
 * Which topic explains a node, with its params preloaded, for the node's "?" button; undefined when no
 * explorer covers the type. Conv2D, the depthwise convolutions (one channel's window), ZeroPadding2D and
 * both poolings open the convolution explorer (the poolings in their pooling mode), Activation and LeakyReLU
 * open the activation explorer.
 * Example: learnTopicForNode('MaxPooling2D', { poolSize: 2, strides: 0, padding: 'valid' })
 *   = { topic: 'convolution', params: { mode: 'maxpool', kernelSize: 2, stride: 2, ... } }.
 */
export function learnTopicForNode(type: NodeType, params: Params): { topic: LearnTopic; params?: LearnParams } | undefined {
  if (type === 'Activation' || type === 'LeakyReLU') return { topic: 'activation' };
  const settings = settingsFromNode(type, params);
  return settings ? { topic: 'convolution', params: settings } : undefined;
}
