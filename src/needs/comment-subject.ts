import type { CommentSubjectProvider } from '../comments/subjects.ts';
import { needForComments, needTexts, needTitles } from './needs.repo.ts';

/** Every need takes comments; the thread is judged against its title, description and place. */
export const needCommentSubject: CommentSubjectProvider = {
  async load(db, id) {
    const need = await needForComments(db, id);
    if (!need) return null;
    return {
      title: need.title,
      body: `${need.body}\n${need.place_name}`,
      names: need.author_name ? [need.author_name] : [],
      href: `/needs/${need.id}`,
      open: true,
    };
  },
  async titles(db, ids) {
    return new Map((await needTitles(db, ids)).map((n) => [n.id, { title: n.title, href: `/needs/${n.id}` }]));
  },
  corpus: needTexts,
};
