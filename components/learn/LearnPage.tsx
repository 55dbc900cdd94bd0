import { LessonList } from '../workshop/LessonList';
import { ActivationExplorer } from './ActivationExplorer';
import { ConvolutionExplorer } from './ConvolutionExplorer';
import { MedicalContext } from './MedicalContext';
import { PoolingExplorer } from './PoolingExplorer';
import { LEARN_TOPICS } from './topics';

const INTROS = {
  convolution:
    'A convolution slides a small grid of weights (the kernel) over the image. At each position it multiplies the pixels under the kernel by the weights and adds them up: one number of the output. Change the sizes and watch the output grid and its formula.',
  pooling: 'Pooling shrinks a feature map by summarising each window in one number. Compare max and average pooling on the same numbers.',
  activation:
    'An activation function bends each number after a convolution. Without it, any stack of convolutions is just one big convolution.',
  medical: 'What the bundled tasks are about: the images, the classes, and which numbers to look at when judging a model.',
} as const;

/**
 * Every explorer on one page, with a link back to the editor. The section menu stays visible while
 * scrolling. A server component: the explorers inside are client components.
 */
export function LearnPage() {
  return (
    <div className="min-h-full bg-slate-50" data-testid="learn-page">
      <header className="sticky top-0 z-10 border-b border-slate-200 bg-white/90 backdrop-blur">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-5 gap-y-2 px-5 py-3">
          <a href="/" className="text-lg font-semibold tracking-tight text-slate-900 hover:text-indigo-700" data-testid="learn-back">
            ← Convas
          </a>
          <h1 className="text-sm font-normal text-slate-500">Learn the ideas behind the blocks</h1>
          <nav className="ml-auto flex flex-wrap gap-1" aria-label="Sections">
            {LEARN_TOPICS.map((t) => (
              <a key={t.id} href={`#${t.id}`} className="rounded-md px-2.5 py-1 text-sm font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900">
                {t.title}
              </a>
            ))}
          </nav>
        </div>
      </header>
      <main className="mx-auto flex max-w-6xl flex-col gap-12 px-5 py-8">
        {LEARN_TOPICS.map((t) => (
          <section key={t.id} id={t.id} className="scroll-mt-20" aria-labelledby={`${t.id}-title`}>
            <h2 id={`${t.id}-title`} className="text-xl font-semibold tracking-tight text-slate-900">
              {t.title}
            </h2>
            <p className="mt-1 mb-4 max-w-3xl text-sm leading-relaxed text-slate-600">{INTROS[t.id]}</p>
            {t.id === 'convolution' ? <ConvolutionExplorer /> : null}
            {t.id === 'pooling' ? <PoolingExplorer /> : null}
            {t.id === 'activation' ? <ActivationExplorer /> : null}
            {t.id === 'medical' ? <MedicalContext /> : null}
          </section>
        ))}
        <LessonList />
      </main>
    </div>
  );
}
