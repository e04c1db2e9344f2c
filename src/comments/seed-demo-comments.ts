import { findUserByEmail, insertUser } from '../accounts/accounts.repo.ts';
import type { Actor } from '../accounts/permissions.ts';
import { publicPlanIdsOfCall } from '../plans/plans-public.repo.ts';
import { hasDemoComments, markCommentsDemo } from './comments.repo.ts';
import { decideComments } from './decide-comments.ts';
import { postComment, type CommentCtx } from './post-comment.ts';

/** Demo residents who comment; they have no way to sign in (no mobile number, no password). */
const demoCitizens = [
  { email: 'resident1@mahalle.local', name: 'فاطمه محمدی (نمونه)' },
  { email: 'resident2@mahalle.local', name: 'حسین رحیمی (نمونه)' },
  { email: 'resident3@mahalle.local', name: 'لیلا کاظمی (نمونه)' },
];

type DemoComment = { plan: 0 | 1; author: 0 | 1 | 2; text: string; replyTo?: number; approve: boolean };

// Written for Mahalle. The last one on the first plan is an accusation aimed at an official: the
// pipeline holds it, so the demo moderation queue has something to decide.
const demoComments: DemoComment[] = [
  { plan: 0, author: 0, approve: true, text: 'اگر کلاس‌های مهارت زندگی عصرها و در سرای محله برگزار شود، نوجوانان بیشتری می‌آیند؛ صبح‌ها با ساعت مدرسه تداخل دارد.' },
  { plan: 0, author: 1, approve: true, replyTo: 0, text: 'موافقم. برای پدر و مادرها هم جلسه‌ای جدا بگذارید تا در خانه همان حرف‌ها را بشنوند.' },
  { plan: 0, author: 2, approve: true, text: 'پارسال هم طرح مشابهی در محله اجرا شد اما گزارشی از نتیجه‌اش منتشر نشد. لطفاً این بار شاخص‌ها را هر سه ماه اعلام کنید.' },
  { plan: 0, author: 0, approve: true, replyTo: 2, text: 'درست است؛ نتیجهٔ کار باید روشن باشد تا مردم هم اعتماد کنند و همکاری کنند.' },
  { plan: 0, author: 1, approve: false, text: 'مسئول این اداره دزد است و بودجهٔ طرح قبلی را خورده است.' },
  { plan: 1, author: 0, approve: true, text: 'برای زنان سرپرست خانوار، مهد کودک در ساعت کلاس‌ها خیلی مهم است؛ بدون آن بسیاری نمی‌توانند شرکت کنند.' },
  { plan: 1, author: 2, approve: true, text: 'خوب است بازارچهٔ فروش محصولات هم در خود محله برپا شود تا رفت‌وآمد هزینه نداشته باشد.' },
];

/**
 * Demo comments on the first two public demo plans, posted and moderated through the real
 * operations (the pipeline judges each one; the demo moderator approves the acceptable ones).
 * Skipped when demo comments exist already.
 */
export async function seedDemoComments(ctx: CommentCtx, o: { callId: number; moderator: Actor }): Promise<number> {
  if (await hasDemoComments(ctx.db)) return 0;
  const plans = await publicPlanIdsOfCall(ctx.db, o.callId);
  if (plans.length < 2) return 0;
  const now = ctx.clock.now().toISOString();
  const authors: Actor[] = [];
  for (const c of demoCitizens) {
    const id = (await findUserByEmail(ctx.db, c.email))?.id ?? (await insertUser(ctx.db, { email: c.email, name: c.name, now }));
    authors.push({ id, roles: ['citizen'] });
  }
  const ids: number[] = [];
  for (const c of demoComments) {
    const outcome = await postComment(ctx, authors[c.author]!, {
      subject: { type: 'plan', id: plans[c.plan]! }, parentId: c.replyTo === undefined ? null : (ids[c.replyTo] ?? null),
      text: c.text, captchaOk: true, ipHash: null,
    });
    if (outcome.status === 'refused') throw new Error(`demo comment refused: ${c.text}`);
    ids.push(outcome.id);
    if (c.approve && outcome.status !== 'published') await decideComments(ctx, o.moderator, [outcome.id], { action: 'approve' });
  }
  await markCommentsDemo(ctx.db, ids);
  return ids.length;
}
