import { describe, expect, it } from 'vitest';
import { normaliseSettings, settingsFromNode } from '@/components/learn/settings';
import { learnTopicForNode } from '@/components/learn/topics';
import { isMedicalTask, MEDICAL_CONTENT, MEDICAL_TASKS } from '@/components/learn/medicalContent';
import { TASKS } from '@/graph/tasks';

describe('settingsFromNode', () => {
  it('Conv2D: kernel, stride, padding and dilation from the params; input grown until a 2x2 output fits', () => {
    expect(settingsFromNode('Conv2D', { filters: 16, kernelSize: 3, strides: 2, padding: 'same', dilationRate: 1 })).toEqual({
      inputSize: 5, // max(5, 3 + 2)
      kernelSize: 3,
      stride: 2,
      padding: 'same',
      dilation: 1,
      mode: 'conv',
    });
    // 3x3 with dilation 3 spans 7: the input grows to 7 + 1 = 8.
    expect(settingsFromNode('Conv2D', { kernelSize: 3, strides: 1, padding: 'valid', dilationRate: 3 })?.inputSize).toBe(8);
  });

  it('pooling: strides 0 means the pool size, no dilation', () => {
    expect(settingsFromNode('MaxPooling2D', { poolSize: 3, strides: 0, padding: 'valid' })).toMatchObject({ mode: 'maxpool', kernelSize: 3, stride: 3, dilation: 1 });
    expect(settingsFromNode('AveragePooling2D', { poolSize: 2, strides: 1, padding: 'same' })).toMatchObject({ mode: 'avgpool', kernelSize: 2, stride: 1, padding: 'same' });
  });

  it('ZeroPadding2D shows its padding as explicit zeros; other types have no explorer', () => {
    expect(settingsFromNode('ZeroPadding2D', { padding: 2 })).toMatchObject({ padding: 2, kernelSize: 3, mode: 'conv' });
    expect(settingsFromNode('Dense', { units: 10 })).toBeUndefined();
  });

  it('clamps what the explorer cannot draw', () => {
    expect(normaliseSettings({ inputSize: 64, kernelSize: 15, stride: 9, padding: 40, dilation: 9, mode: 'conv' })).toEqual({
      inputSize: 11,
      kernelSize: 7,
      stride: 4,
      padding: 3,
      dilation: 4,
      mode: 'conv',
    });
    expect(normaliseSettings({ mode: 'avgpool', dilation: 3 }).dilation).toBe(1);
  });
});

describe('learnTopicForNode', () => {
  it.each([
    ['Conv2D', 'convolution'],
    ['MaxPooling2D', 'convolution'],
    ['ZeroPadding2D', 'convolution'],
    ['DepthwiseConv2D', 'convolution'],
    ['SeparableConv2D', 'convolution'],
    ['Activation', 'activation'],
    ['LeakyReLU', 'activation'],
  ] as const)('%s opens %s', (type, topic) => {
    expect(learnTopicForNode(type, {})?.topic).toBe(topic);
  });

  it('has nothing for Dense or Flatten', () => {
    expect(learnTopicForNode('Dense', {})).toBeUndefined();
    expect(learnTopicForNode('Flatten', {})).toBeUndefined();
  });
});

describe('medical content', () => {
  it('covers exactly the medical tasks, and its class tags name real classes', () => {
    expect(Object.keys(MEDICAL_CONTENT).sort()).toEqual([...MEDICAL_TASKS].sort());
    for (const id of MEDICAL_TASKS) {
      const classes: readonly string[] = TASKS[id].classes;
      for (const name of Object.keys(MEDICAL_CONTENT[id].tags)) expect(classes).toContain(name);
    }
    expect(isMedicalTask('skin-lesions')).toBe(true);
    expect(isMedicalTask('random-classify')).toBe(false);
    expect(isMedicalTask(undefined)).toBe(false);
  });
});
