'use client';

import { useEffect, useRef, useState } from 'react';
import { ActivationExplorer } from './ActivationExplorer';
import { ConvolutionExplorer } from './ConvolutionExplorer';
import { MedicalContext } from './MedicalContext';
import { PoolingExplorer } from './PoolingExplorer';
import { LEARN_TOPICS, type LearnParams, type LearnTopic } from './topics';

/** Props of the learn dialog: the topic to open, a node's params to preload, the current task, and close. */
export interface LearnDialogProps {
  topic: LearnTopic;
  /** Convolution: window settings (see learnTopicForNode); pooling: kernelSize as the pool size, stride. */
  params?: LearnParams;
  /** Medical context: the task to explain first. */
  taskId?: string;
  onClose: () => void;
}

/**
 * A modal with one explorer, opened from a node's "?" button; tabs switch to the other topics. Escape,
 * the close button or a click outside closes it, and focus returns to where it was.
 * Example: `{help && <LearnDialog {...help} taskId={task.id} onClose={() => setHelp(null)} />}`.
 */
export function LearnDialog({ topic: initialTopic, params, taskId, onClose }: LearnDialogProps) {
  const [topic, setTopic] = useState<LearnTopic>(initialTopic);
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    closeRef.current?.focus();
    return () => previous?.focus();
  }, []);
  const title = LEARN_TOPICS.find((t) => t.id === topic)?.title ?? '';
  return (
    <div
      className="fixed inset-0 z-50 flex items-start justify-center overflow-y-auto bg-slate-900/40 p-4 sm:p-8"
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) onClose();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <div role="dialog" aria-modal="true" aria-labelledby="learn-dialog-title" className="w-full max-w-6xl rounded-2xl bg-slate-50 shadow-2xl" data-testid="learn-dialog">
        <div className="flex flex-wrap items-center gap-3 rounded-t-2xl border-b border-slate-200 bg-white px-5 py-3">
          <h2 id="learn-dialog-title" className="text-base font-semibold text-slate-900">
            Learn: {title}
          </h2>
          <nav className="flex gap-1" aria-label="Topics">
            {LEARN_TOPICS.map((t) => (
              <button
                key={t.id}
                type="button"
                onClick={() => setTopic(t.id)}
                aria-current={t.id === topic ? 'page' : undefined}
                className={`rounded-md px-2.5 py-1 text-sm font-medium ${t.id === topic ? 'bg-indigo-50 text-indigo-700' : 'text-slate-600 hover:bg-slate-100'}`}
                data-testid={`learn-topic-${t.id}`}
              >
                {t.title}
              </button>
            ))}
          </nav>
          <a href="/learn" target="_blank" rel="noopener" className="ml-auto text-sm text-indigo-700 hover:underline">
            All explorers
          </a>
          <button ref={closeRef} type="button" onClick={onClose} className="rounded-md px-2 py-1 text-lg leading-none text-slate-500 hover:bg-slate-100 hover:text-slate-900" aria-label="Close" data-testid="learn-dialog-close">
            ×
          </button>
        </div>
        <div className="p-5">
          {topic === 'convolution' ? <ConvolutionExplorer initial={params} autoPlay /> : null}
          {topic === 'pooling' ? <PoolingExplorer initial={{ poolSize: params?.kernelSize, stride: params?.stride }} /> : null}
          {topic === 'activation' ? <ActivationExplorer /> : null}
          {topic === 'medical' ? <MedicalContext taskId={taskId} /> : null}
        </div>
      </div>
    </div>
  );
}
