import type { GraphDocument } from '../types';
import { taskInfo, type TaskId } from '../tasks';
import { buildFirstCnn } from './firstCnn';
import { buildGooglenetHead } from './googlenetHead';
import { buildResnet } from './resnet';
import { buildUnet } from './unet';
import { buildVgg } from './vgg';

/** A starting graph the user can open from the template menu. */
export interface TemplateInfo {
  id: 'first-cnn' | 'vgg' | 'resnet' | 'googlenet-head' | 'unet';
  title: string;
  /** The task the template is built for (its Input size and its Output head follow it). */
  taskId: TaskId;
  /**
   * 2-3 sentences: what the architecture contributes and who it is for. `{classes}` stands for the classes
   * of the task the graph is trained on (see templateNotes), so the note follows a task switch.
   */
  notes: string;
  /** A fresh document each call (new objects; safe to edit). */
  build(): GraphDocument;
}

/**
 * The bundled templates. All validate without errors and are small enough (8-32 filters on 64x64 inputs)
 * to train in a browser in seconds per epoch.
 */
export const TEMPLATES: readonly TemplateInfo[] = [
  {
    id: 'first-cnn',
    title: 'First CNN',
    taskId: 'skin-lesions',
    notes:
      'The classic beginner network: two rounds of convolution, batch normalisation, ReLU and max pooling find ' +
      'edges and then blobs, and a Dense layer turns them into a decision among {classes}. Batch ' +
      'normalisation keeps each layer\'s values in a steady range, so it learns in a few epochs. Start here to ' +
      'see how each layer changes the shape and the parameter count.',
    build: buildFirstCnn,
  },
  {
    id: 'vgg',
    title: 'Small VGG',
    taskId: 'skin-lesions',
    notes:
      'VGG showed that stacking small 3x3 convolutions works better than a few large kernels: two 3x3 layers ' +
      'see a 5x5 region with fewer weights and an extra non-linearity. Each block doubles the filters as ' +
      'pooling halves the size.',
    build: buildVgg,
  },
  {
    id: 'resnet',
    title: 'Small ResNet',
    taskId: 'skin-lesions',
    notes:
      'ResNet adds a shortcut around every pair of convolutions, so each residual unit only learns a ' +
      'correction to its input (x + F(x)). Gradients flow straight through the Add, which is what let ' +
      'networks grow from 20 to over 100 layers; a 1x1 convolution fits the shortcut when the size changes.',
    build: buildResnet,
  },
  {
    id: 'googlenet-head',
    title: 'GoogLeNet-style head',
    taskId: 'skin-lesions',
    notes:
      'GoogLeNet replaced Flatten and large Dense layers with global average pooling: one number per channel, ' +
      'no weights, and far less overfitting. Its inception module runs 1x1, 3x3 and 5x5 convolutions side by ' +
      'side and concatenates them, so the network chooses the scale that matters.',
    build: buildGooglenetHead,
  },
  {
    id: 'unet',
    title: 'Small U-Net',
    taskId: 'brain-mri-segment',
    notes:
      'U-Net segments images: an encoder shrinks the image to learn what is there, a decoder grows it back to ' +
      'say where. Skip connections concatenate each encoder level with the decoder level of the same size, ' +
      'giving back the fine detail needed for sharp tumour borders.',
    build: buildUnet,
  },
];

/**
 * A template's note for the task the graph is on now: `{classes}` becomes "the task's 4 classes" (brain
 * MRI) or "the task's 7 classes" (skin lesions), or "the task's classes" when the task is unknown.
 */
export function templateNotes(template: TemplateInfo, taskId: string): string {
  const info = taskInfo(taskId);
  const classes = info ? `the task's ${info.classes.length} classes` : "the task's classes";
  return template.notes.replaceAll('{classes}', classes);
}

/** The template with this id, or undefined. */
export function templateById(id: string): TemplateInfo | undefined {
  return TEMPLATES.find((t) => t.id === id);
}
