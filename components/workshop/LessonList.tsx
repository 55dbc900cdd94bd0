import { describeGoal, encodeLessonLink, LESSON_LINK_KEY } from '@/graph/lesson';
import { LESSONS } from '@/graph/lessons';

/**
 * The ready lessons as links into the editor (`/#lesson=l1...`), for the /learn page. A server
 * component: the links are computed when the page is built, so they work offline.
 */
export function LessonList() {
  return (
    <section id="lessons" className="scroll-mt-20" aria-labelledby="lessons-title" data-testid="learn-lessons">
      <h2 id="lessons-title" className="text-xl font-semibold tracking-tight text-slate-900">
        Lessons
      </h2>
      <p className="mt-1 mb-4 max-w-3xl text-sm leading-relaxed text-slate-600">
        Prepared exercises: each opens the editor with a starting graph, a goal and only the controls that matter unlocked. Facilitators can make their own from the editor&apos;s Lessons menu.
      </p>
      <ol className="grid gap-3 md:grid-cols-3">
        {LESSONS.map((info) => {
          const lesson = info.build();
          return (
            <li key={info.id} className="rounded-lg border border-slate-200 bg-white p-4">
              <a href={`/#${LESSON_LINK_KEY}=${encodeLessonLink(lesson)}`} className="font-medium text-indigo-700 hover:underline" data-testid={`learn-lesson-${info.id}`}>
                {info.title}
              </a>
              <p className="mt-1 text-xs leading-relaxed text-slate-600">{info.summary}</p>
              <p className="mt-2 text-[11px] text-slate-500">Goal: {describeGoal(lesson.goal)}</p>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
