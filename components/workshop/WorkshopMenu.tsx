'use client';

import { useState } from 'react';
import { sameDocument } from '@/graph/document';
import { LESSONS } from '@/graph/lessons';
import { useAppStoreApi } from '../store/StoreProvider';
import { Menu, type MenuItem } from '../ui/Menu';
import { CreateLessonDialog } from './CreateLessonDialog';
import { startLessonAsking } from './lessonLinks';
import { ResultsDialog } from './ResultsDialog';

/**
 * The header's "Lessons" menu: the three ready lessons, "Create lesson link…" for facilitators and
 * "Results…" for participants, each opening its dialog.
 */
export function WorkshopMenu() {
  const api = useAppStoreApi();
  const [dialog, setDialog] = useState<'create' | 'results' | null>(null);
  const items: MenuItem[] = [
    ...LESSONS.map((l) => ({
      key: l.id,
      label: l.title,
      hint: l.summary,
      testId: `lesson-${l.id}`,
      onSelect: () => {
        const lesson = l.build();
        // Starting over the lesson's own untouched graph needs no question.
        void startLessonAsking(api, lesson, () => !sameDocument(api.getState().doc, lesson.document) && api.getState().history.past.length > 0);
      },
    })),
    { key: 'create', label: 'Create lesson link…', hint: 'Share this graph as an exercise with locked controls and a goal.', separator: true, testId: 'menu-create-lesson', onSelect: () => setDialog('create') },
    { key: 'results', label: 'Results…', hint: 'A card of your graph and best metrics, as PNG or JSON.', testId: 'menu-results', onSelect: () => setDialog('results') },
  ];
  return (
    <>
      <Menu label="Lessons" items={items} testId="lessons-menu" width="w-80" />
      {dialog === 'create' && <CreateLessonDialog onClose={() => setDialog(null)} />}
      {dialog === 'results' && <ResultsDialog onClose={() => setDialog(null)} />}
    </>
  );
}
