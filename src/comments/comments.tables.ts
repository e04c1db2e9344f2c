import type { Generated } from 'kysely';

export const commentSubjectTypes = ['plan', 'article', 'need', 'meeting'] as const;
export type CommentSubjectType = (typeof commentSubjectTypes)[number];

/** DESIGN.md: pending → published | held | rejected; published → hidden; deleted by the author. */
export const commentStatuses = ['pending', 'published', 'held', 'rejected', 'hidden', 'deleted'] as const;
export type CommentStatus = (typeof commentStatuses)[number];

export const reportReasons = ['insult', 'defamation', 'not_persian', 'off_topic', 'spam'] as const;
export type ReportReason = (typeof reportReasons)[number];

export interface CommentsTable {
  id: Generated<number>;
  subject_type: CommentSubjectType;
  subject_id: number;
  parent_id: number | null;
  root_id: number | null;
  depth: Generated<number>;
  author_id: number;
  /** Normalized Persian text as accepted. */
  body: string;
  status: CommentStatus;
  /** JSON: the verdict's reasons (code, message, spans, detail). */
  reasons: Generated<string>;
  /** JSON: the verdict's scores. */
  scores: Generated<string>;
  moderator_note: string | null;
  decided_by: number | null;
  decided_at: string | null;
  report_count: Generated<number>;
  reply_count: Generated<number>;
  ip_hash: string | null;
  is_demo: Generated<0 | 1>;
  created_at: string;
  updated_at: string;
  edited_at: string | null;
  published_at: string | null;
}

export interface CommentReasonsTable {
  comment_id: number;
  code: string;
}

export interface CommentReportsTable {
  id: Generated<number>;
  comment_id: number;
  reporter_id: number;
  reason: ReportReason;
  note: string | null;
  created_at: string;
  resolved_at: string | null;
}

export interface ModerationExamplesTable {
  id: Generated<number>;
  comment_id: number | null;
  text: string;
  label: 'offensive' | 'clean';
  decided_by: number | null;
  created_at: string;
}

export interface CommentBlocksTable {
  id: Generated<number>;
  user_id: number;
  until: string;
  reason: string;
  created_by: number | null;
  created_at: string;
  lifted_at: string | null;
}

export interface CommentsTables {
  comments: CommentsTable;
  comment_reasons: CommentReasonsTable;
  comment_reports: CommentReportsTable;
  moderation_examples: ModerationExamplesTable;
  comment_blocks: CommentBlocksTable;
}
