'use client';

import { useState } from 'react';
import { ACTIVATION_FNS, ACTIVATION_SLOPES, LEAKY_ALPHA, PLOTTED_ACTIVATIONS, sampleFunction, type PlottedActivation } from '@/graph/learn';
import { Card, NumberSlider, Segmented } from './controls';
import { FunctionPlot } from './FunctionPlot';
import { KernelComposition } from './KernelComposition';

const INFO = {
  relu: {
    label: 'ReLU',
    color: '#4f46e5',
    formula: 'max(0, x)',
    text: 'Keeps positives, zeroes negatives. Cheap, and its slope is 1 for every positive input, so gradients pass through deep stacks: the usual choice between convolutions. A unit stuck in the negative side gets slope 0 and stops learning ("dead ReLU").',
  },
  leakyRelu: {
    label: 'Leaky ReLU',
    color: '#0891b2',
    formula: `x if x > 0, else ${LEAKY_ALPHA}x`,
    text: `Like ReLU, but negatives keep a small slope (${LEAKY_ALPHA}, the tfjs and Keras default), so no unit goes completely dead.`,
  },
  sigmoid: {
    label: 'Sigmoid',
    color: '#db2777',
    formula: '1 / (1 + e^-x)',
    text: 'Squashes any number into 0..1, so it reads as a probability: the output of a yes/no head or of each pixel of a binary tumour mask. Flat for large |x| (slope at most 0.25), so inside deep networks gradients fade away.',
  },
  tanh: {
    label: 'tanh',
    color: '#ea580c',
    formula: '(e^x - e^-x) / (e^x + e^-x)',
    text: 'Squashes into -1..1, centred on 0. Saturates like the sigmoid, so it is rare between convolutions today.',
  },
  gelu: {
    label: 'GELU',
    color: '#16a34a',
    formula: 'x · Φ(x)',
    text: 'A smooth ReLU: x weighted by the chance that a standard normal value is below x. Used in transformers and in modern CNNs such as ConvNeXt.',
  },
} as const satisfies Record<PlottedActivation, { label: string; color: string; formula: string; text: string }>;

type View = 'value' | 'slope';

/**
 * Plots of ReLU, leaky ReLU, sigmoid, tanh and GELU (value or slope), a probe x with each function's
 * value there, and the demonstration that two convolutions without an activation between them are one
 * convolution.
 */
export function ActivationExplorer() {
  const [shown, setShown] = useState<Record<PlottedActivation, boolean>>({ relu: true, leakyRelu: true, sigmoid: true, tanh: true, gelu: true });
  const [view, setView] = useState<View>('value');
  const [probeTenths, setProbeTenths] = useState(-10);
  const probe = probeTenths / 10;
  const fns = view === 'value' ? ACTIVATION_FNS : ACTIVATION_SLOPES;
  const series = PLOTTED_ACTIVATIONS.filter((a) => shown[a]).map((a) => ({ id: a, color: INFO[a].color, points: sampleFunction(fns[a], -4, 4, 161) }));
  return (
    <div className="flex flex-col gap-4" data-testid="activation-explorer">
      <Card>
        <div className="flex flex-wrap gap-6">
          <div className="min-w-0 flex-1 basis-[420px]">
            <FunctionPlot series={series} xRange={[-4, 4]} yRange={view === 'value' ? [-2, 4] : [-0.5, 1.5]} marker={probe} label={`Activation ${view === 'value' ? 'values' : 'slopes'} from -4 to 4`} />
          </div>
          <div className="flex min-w-64 flex-1 flex-col gap-4">
            <Segmented label="Plot" value={view} options={[{ value: 'value', label: 'f(x)' }, { value: 'slope', label: "slope f'(x)" }] as const} onChange={setView} testId="activation-view" />
            <NumberSlider label="x (the dashed line)" value={probeTenths} min={-40} max={40} onChange={setProbeTenths} display={(v) => (v / 10).toFixed(1)} hint="Move the dashed line and read every function at x." testId="activation-probe" />
            <ul className="flex flex-col gap-1.5" aria-label="Functions">
              {PLOTTED_ACTIVATIONS.map((a) => (
                <li key={a}>
                  <label className="flex cursor-pointer items-center gap-2 text-sm">
                    <input type="checkbox" checked={shown[a]} onChange={(e) => setShown({ ...shown, [a]: e.target.checked })} className="h-4 w-4 accent-indigo-600" data-testid={`activation-toggle-${a}`} />
                    <span className="inline-block h-1 w-5 rounded" style={{ background: INFO[a].color }} aria-hidden />
                    <span className="w-24 font-medium text-slate-800">{INFO[a].label}</span>
                    <span className="ml-auto font-mono text-slate-700 tabular-nums" data-testid={`activation-value-${a}`}>
                      {fns[a](probe).toFixed(3)}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          </div>
        </div>
      </Card>
      <div className="grid gap-3 md:grid-cols-2 xl:grid-cols-3">
        {PLOTTED_ACTIVATIONS.map((a) => (
          <div key={a} className="rounded-lg border border-slate-200 bg-white p-3 text-sm leading-relaxed text-slate-600">
            <p className="mb-1 flex items-baseline gap-2">
              <span className="inline-block h-2 w-2 rounded-full" style={{ background: INFO[a].color }} aria-hidden />
              <strong className="text-slate-900">{INFO[a].label}</strong>
              <span className="font-mono text-xs text-slate-500">{INFO[a].formula}</span>
            </p>
            {INFO[a].text}
          </div>
        ))}
      </div>
      <KernelComposition />
    </div>
  );
}
