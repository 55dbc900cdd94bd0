import { defaultParams, inputParamsForTask } from '../catalog';
import { createDocument } from '../document';
import { defaultNodeName } from '../ids';
import { taskInfo, TASKS } from '../tasks';
import { templateById, type TemplateInfo } from '../templates';
import type { GraphDocument, TaskRef } from '../types';
import { arrangeDocument, DEFAULT_NODE_SIZE, wouldFold, type FitView } from './arrange';
import { uLayout } from './uLayout';
import { blockEnds } from './blocks';
import { CHAIN_STEP } from './edits';
import { retask } from './task';

/**
 * New documents for the editor: the default (First CNN on the skin-lesion task), a template adapted to the
 * current task where it fits, or an empty graph with just Input and Output.
 */

/**
 * The graph a new editor starts with: First CNN on skin lesions (the editor's default graph), folded to fit a view of the
 * given aspect (width / height).
 */
export function defaultDocument(aspect?: FitView): GraphDocument {
  const first = templateById('first-cnn');
  if (!first) throw new Error('the First CNN template is missing');
  return fitToView(first.build(), aspect);
}

/**
 * A template or lesson graph as laid out by its author, unless it is a long chain that folds into bands to
 * fit the view (First CNN, VGG, ResNet) or a U-Net, which is laid out as a U (uLayout.ts): both would
 * otherwise be a thin strip across the canvas.
 */
export function fitToView(doc: GraphDocument, aspect: FitView | undefined): GraphDocument {
  if (aspect === undefined) return doc;
  if (uLayout(doc, doc.task, () => DEFAULT_NODE_SIZE)) return arrangeDocument(doc, aspect);
  return wouldFold(doc, aspect, blockEnds(doc)) ? arrangeDocument(doc, aspect) : doc;
}

/**
 * A template's document. When the current task is of the same kind (classification or segmentation), the
 * template is moved to it (Input size and channels, head), so choosing "Small VGG" while working on brain
 * MRI gives a brain-MRI VGG; otherwise the template keeps its own task. Long chains fold to fit `aspect`.
 */
export function templateDocument(template: TemplateInfo, current: TaskRef, aspect?: FitView): GraphDocument {
  const doc = fitToView(template.build(), aspect);
  const here = taskInfo(current.id);
  const there = taskInfo(doc.task.id);
  if (!here || !there || here.id === there.id || here.kind !== there.kind) return doc;
  return retask(doc, current);
}

/**
 * Just an Input (with the task's image size) and an Output, unconnected, with room for a layer between them
 * (the Output moves right as the chain grows): the start for building a network by hand. Two chain steps
 * apart, the pair is 784 px wide, so it fits a 1440 px window's canvas at a readable zoom.
 */
export function emptyDocument(task: TaskRef): GraphDocument {
  const info = taskInfo(task.id) ?? TASKS['skin-lesions'];
  const head = info.kind;
  return createDocument(
    {
      nodes: [
        { id: 'n1', type: 'Input', name: defaultNodeName('Input'), params: { ...defaultParams('Input'), ...inputParamsForTask(info) }, position: { x: 0, y: 0 } },
        { id: 'n2', type: 'Output', name: defaultNodeName('Output'), params: { ...defaultParams('Output'), head }, position: { x: CHAIN_STEP * 2, y: 0 } },
      ],
      edges: [],
    },
    info.id === task.id ? task : { id: info.id },
    {},
    'Untitled',
  );
}

