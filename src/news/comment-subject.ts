import type { CommentSubjectProvider } from '../comments/subjects.ts';
import { systemClock } from '../platform/clock.ts';
import { articleTitles, publicArticleForComments, publicArticleTexts } from './news.repo.ts';

const href = (newsCode: number) => `/news/${newsCode}`;
// Providers get no clock: public here means published, or scheduled with its time come by the
// system clock (the same rule as the pages).
const now = () => systemClock.now().toISOString();

/** Public articles take comments; the thread is judged against the article's title, lead and body. */
export const articleCommentSubject: CommentSubjectProvider = {
  async load(db, id) {
    const a = await publicArticleForComments(db, id, now());
    if (!a) return null;
    return { title: a.title, body: `${a.lead}\n${a.body}`, names: [], href: href(a.news_code), open: true };
  },
  async titles(db, ids) {
    return new Map((await articleTitles(db, ids)).map((a) => [a.id, { title: a.title, href: href(a.news_code) }]));
  },
  corpus: (db) => publicArticleTexts(db, now()),
};
