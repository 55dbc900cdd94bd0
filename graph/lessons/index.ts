import type { Lesson } from '../lesson';
import { buildDeeperNetworksLesson } from './deeperNetworks';
import { buildFirstCnnLesson } from './firstCnn';
import { buildSegmentationLesson } from './segmentation';

/** A ready lesson in the Lessons menu and on the /learn page. */
export interface LessonInfo {
  id: 'first-cnn' | 'deeper-networks' | 'unet-segmentation';
  title: string;
  /** One sentence for the menu. */
  summary: string;
  /** A fresh lesson each call (safe to edit). */
  build(): Lesson;
}

/** The three lessons of the teaching material, in teaching order. */
export const LESSONS: readonly LessonInfo[] = [
  {
    id: 'first-cnn',
    title: '1. First CNN and the confusion matrix',
    summary: 'Skin lesions: tune the learning rate and filters, then read which lesion types get confused.',
    build: buildFirstCnnLesson,
  },
  {
    id: 'deeper-networks',
    title: '2. Deeper networks: VGG vs ResNet',
    summary: 'Brain MRI tumour types: grow a VGG, add residual shortcuts and compare.',
    build: buildDeeperNetworksLesson,
  },
  {
    id: 'unet-segmentation',
    title: '3. Segmentation with U-Net and Dice',
    summary: 'Brain MRI tumour masks: what skips do and why Dice, not pixel accuracy.',
    build: buildSegmentationLesson,
  },
];
