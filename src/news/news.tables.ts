import type { Generated } from 'kysely';

export const articleStatuses = ['draft', 'scheduled', 'published', 'unpublished'] as const;
export type ArticleStatus = (typeof articleStatuses)[number];
export const articleLinkKinds = ['plan', 'meeting', 'place'] as const;
export type ArticleLinkKind = (typeof articleLinkKinds)[number];

export interface ArticlesTable {
  id: Generated<number>;
  news_code: number;
  overline: Generated<string>;
  title: string;
  lead: Generated<string>;
  /** Markdown, rendered without raw HTML. */
  body: Generated<string>;
  dateline: Generated<string>;
  status: Generated<ArticleStatus>;
  publish_at: string | null;
  published_at: string | null;
  unpublished_at: string | null;
  cover_key: string | null;
  cover_type: string | null;
  cover_caption: Generated<string>;
  search_key: Generated<string>;
  meeting_id: number | null;
  author_id: number | null;
  published_by: number | null;
  is_demo: Generated<0 | 1>;
  created_at: string;
  updated_at: string;
}

export interface ArticleTagsTable {
  article_id: number;
  tag: string;
}

export interface ArticleLinksTable {
  article_id: number;
  kind: ArticleLinkKind;
  ref_id: number;
}

export interface NewsTables {
  articles: ArticlesTable;
  article_tags: ArticleTagsTable;
  article_links: ArticleLinksTable;
}
