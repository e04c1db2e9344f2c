import type { CommentSubjectProvider } from '../comments/subjects.ts';
import { parseStoredContent } from './plan-content.ts';
import { planTitles, publicPlanForComments, publicPlanTexts } from './plans-public.repo.ts';

/** Public plans take comments; the thread is judged against the plan's summary, goal and results. */
export const planCommentSubject: CommentSubjectProvider = {
  async load(db, id) {
    const plan = await publicPlanForComments(db, id);
    if (!plan) return null;
    const c = parseStoredContent(plan.content);
    const body = [plan.summary, c.goal, ...c.outcomes, ...c.outputs, ...c.activities, plan.agency_name].filter(Boolean).join('\n');
    return { title: plan.title, body, names: plan.officers, href: `/plans/${plan.id}`, open: true };
  },
  async titles(db, ids) {
    return new Map((await planTitles(db, ids)).map((p) => [p.id, { title: p.title, href: `/plans/${p.id}` }]));
  },
  corpus: publicPlanTexts,
};
