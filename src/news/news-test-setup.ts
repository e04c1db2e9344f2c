// A small world for news tests: the comments world (a public plan, citizens who sign in) plus an
// editor, a secretary and an upload folder of its own.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStaffUser } from '../accounts/create-staff-user.ts';
import type { Actor } from '../accounts/permissions.ts';
import { createCommentsWorld, STAFF_PASSWORD } from '../comments/comments-test-setup.ts';
import { uploadRoot } from '../platform/files/store-upload.ts';
import type { ArticleInput } from './article-input.ts';
import type { ArticleIntent } from './article-write.ts';
import { createArticle } from './create-article.ts';

export const emptyArticle = (): ArticleInput => ({
  overline: '', title: '', lead: '', body: '', dateline: 'قزوین', publishDate: '', publishTime: '', tags: '', cover: null, coverCaption: '',
  removeCover: false, plans: [], meetings: [], places: [],
});

export async function createNewsWorld(env: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'mahalle-news-'));
  // The database comes from the harness; DATABASE_URL here only places the uploads folder.
  const w = await createCommentsWorld({ DATABASE_URL: `sqlite:${join(dir, 'test.db')}`, COMMENT_TRUSTED_AFTER: '0', BASE_URL: 'https://mahalle.example.org', ...env });
  const uploads = uploadRoot(w.h.ctx.config);
  const editorId = await createStaffUser(w.h.ctx, { actorId: null, name: 'دبیر خبر آزمون', email: 'editor@example.org', password: STAFF_PASSWORD, roles: ['editor'] });
  const secretaryId = await createStaffUser(w.h.ctx, { actorId: null, name: 'دبیرخانه آزمون', email: 'secretary@example.org', password: STAFF_PASSWORD, roles: ['secretary'] });
  const editor: Actor = { id: editorId, roles: ['editor'] };
  const secretary: Actor = { id: secretaryId, roles: ['secretary'] };

  /** An article written through the real operation (a draft unless the intent says otherwise). */
  async function article(o: Partial<ArticleInput> & { intent?: ArticleIntent; meetingId?: number | null; by?: Actor } = {}) {
    const { intent = 'save', meetingId = null, by = editor, ...fields } = o;
    return createArticle(w.h.ctx, by, {
      ...emptyArticle(),
      title: 'کلاس‌های مهارت زندگی نوجوانان در سرای محله آغاز شد',
      lead: 'نخستین دورهٔ کلاس‌های مهارت زندگی برای نوجوانان محله با همکاری مدرسه و مسجد آغاز شد.',
      body: 'کلاس‌ها عصرها در سرای محله برگزار می‌شود.\n\nخانواده‌ها هم در جلسه‌های ماهانه شرکت می‌کنند.',
      ...fields,
      intent, meetingId, uploadRoot: uploads,
    });
  }

  return {
    ...w, dir, uploads, editor, secretary, article,
    close: async () => {
      await w.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type NewsWorld = Awaited<ReturnType<typeof createNewsWorld>>;
