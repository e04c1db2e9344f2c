import type { Db } from '../platform/db/database.ts';
import { planCommentSubject } from '../plans/comment-subject.ts';
import { needCommentSubject } from '../needs/comment-subject.ts';
import { articleCommentSubject } from '../news/comment-subject.ts';
import type { CommentSubjectType } from './comments.tables.ts';

/** What a thread is about, as moderation and the pages need it. */
export type CommentSubjectInfo = {
  title: string;
  /** Lead and body as one text (relevance is judged against it). */
  body: string;
  /** Real persons the subject names or involves (for the defamation proxy). */
  names: string[];
  /** Where the thread is shown. */
  href: string;
  /** False when the subject no longer takes comments (the thread stays readable). */
  open: boolean;
};

/**
 * A kind of thing people comment on. Each module that shows a thread provides one; the comments
 * module knows nothing else about plans, articles or needs.
 */
export interface CommentSubjectProvider {
  /** The subject if it exists and is public; null otherwise (a 404 for comment routes). */
  load(db: Db, id: number): Promise<CommentSubjectInfo | null>;
  /** Titles and addresses of many subjects at once, for lists such as the moderation queue. */
  titles(db: Db, ids: readonly number[]): Promise<Map<number, { title: string; href: string }>>;
  /** Title and body of every public subject of this kind: the IDF corpus of the relevance phase. */
  corpus(db: Db): Promise<string[]>;
}

export const commentSubjects: Partial<Record<CommentSubjectType, CommentSubjectProvider>> = {
  plan: planCommentSubject,
  need: needCommentSubject,
  article: articleCommentSubject,
};

export function subjectProvider(type: CommentSubjectType): CommentSubjectProvider | null {
  return commentSubjects[type] ?? null;
}
