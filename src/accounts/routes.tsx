import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { setFlash } from '../platform/http/flash.ts';
import { field, safeNextPath, submitForm } from '../platform/http/forms.ts';
import { notFound } from '../platform/http/errors.ts';
import { pageContext, sendPage } from '../platform/http/page.ts';
import { t } from '../platform/i18n/t.ts';
import { countInAppNotifications, listInAppNotifications, markAllRead } from '../platform/notify/notifications.repo.ts';
import { formatJalaliDateTime } from '../platform/persian/jalali.ts';
import { toPersianDigits } from '../platform/persian/digits.ts';
import { isolateLtr } from '../platform/persian/bidi.ts';
import { pageCount, pageFromQuery } from '../platform/views/pagination.ts';
import { homeChoices } from '../places/home-places.ts';
import { findPlace } from '../places/places.repo.ts';
import { countSessionsOfUser, findUserById } from './accounts.repo.ts';
import { actorOf, registerSessions, requirePermission, SESSION_COOKIE, sessionCookieOptions } from './accounts.plugin.ts';
import { endAllSessions, endSession } from './end-sessions.ts';
import { loginStaff } from './login-staff.ts';
import { maskMobile } from './mobile.ts';
import { requestOtp } from './request-otp.ts';
import { updateProfile } from './update-profile.ts';
import { verifyOtp } from './verify-otp.ts';
import { LoginPage, RegisterPage, VerifyPage, type LoginView } from './views/auth-pages.tsx';
import { NotificationsPage } from './views/notifications-page.tsx';
import { ProfilePage } from './views/profile-page.tsx';

const OTP_COOKIE = 'otp_pending';

type PendingOtp = { mobile: string; name: string; next: string };

function readPending(request: FastifyRequest): PendingOtp | null {
  const raw = request.cookies[OTP_COOKIE];
  if (!raw) return null;
  const u = request.unsignCookie(raw);
  if (!u.valid || !u.value) return null;
  try {
    return JSON.parse(u.value) as PendingOtp;
  } catch {
    return null;
  }
}

/** The masked number as shown inside Persian sentences. */
const maskedMobile = (mobile: string) => isolateLtr(toPersianDigits(maskMobile(mobile)));

export async function accountsRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await registerSessions(app, ctx);
  const page = (req: FastifyRequest, reply: FastifyReply) => pageContext(req, reply, ctx.clock);
  // Per-IP limit on every sign-in step, on top of the per-number limits kept in the database.
  const authLimit = { rateLimit: { max: ctx.config.AUTH_RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' } };
  const otpPolicy = {
    ttlSeconds: ctx.config.OTP_TTL_SECONDS,
    sendsPerNumberPerHour: ctx.config.OTP_SENDS_PER_NUMBER_PER_HOUR,
    sendsPerIpPerHour: ctx.config.OTP_SENDS_PER_IP_PER_HOUR,
    resendAfterSeconds: 60,
  };
  const startSession = (reply: FastifyReply, token: string, expiresAt: Date) =>
    reply.setCookie(SESSION_COOKIE, token, sessionCookieOptions(ctx, expiresAt));

  const sendCode = async (request: FastifyRequest, reply: FastifyReply, pending: PendingOtp) => {
    const result = await submitForm(() =>
      requestOtp(ctx, { mobile: pending.mobile, ip: request.ip, secret: ctx.config.sessionSecret, policy: otpPolicy, sms: ctx.sms }),
    );
    if (result.ok) {
      reply.setCookie(OTP_COOKIE, JSON.stringify({ ...pending, mobile: result.value.mobile }), {
        path: '/', httpOnly: true, sameSite: 'lax', signed: true, maxAge: 600, secure: ctx.config.BASE_URL.startsWith('https:'),
      });
      setFlash(reply, { kind: 'info', text: t('auth.otp.sent', { mobile: maskedMobile(result.value.mobile) }) });
      reply.redirect('/verify', 303);
    }
    return result;
  };

  // ---- citizens: register / login with a one-time code ----
  app.get('/register', async (request, reply) => {
    if (request.actor) return reply.redirect('/profile', 303);
    return sendPage(reply, <RegisterPage page={page(request, reply)} view={{ values: { mobile: '', name: '' }, errors: {} }} />);
  });

  app.post('/register', { config: authLimit }, async (request, reply) => {
    const values = { mobile: field(request.body, 'mobile', 40), name: field(request.body, 'name', 200) };
    const nameError = values.name.trim().length < 2 || values.name.trim().length > 80 ? t('auth.name.invalid') : undefined;
    if (nameError) {
      return sendPage(reply, <RegisterPage page={page(request, reply)} view={{ values, errors: { name: nameError } }} />, 422);
    }
    const result = await sendCode(request, reply, { mobile: values.mobile, name: values.name, next: '/profile' });
    if (!result.ok) return sendPage(reply, <RegisterPage page={page(request, reply)} view={{ values, errors: result.errors }} />, result.status);
    return reply;
  });

  const loginView = (request: FastifyRequest, overrides: Partial<LoginView> = {}): LoginView => ({
    citizen: { mobile: '', errors: {} },
    staff: { email: '', errors: {} },
    next: safeNextPath(field(request.query, 'next') || field(request.body, 'next')),
    ...overrides,
  });

  app.get('/login', async (request, reply) => {
    if (request.actor) return reply.redirect('/', 303);
    return sendPage(reply, <LoginPage page={page(request, reply)} view={loginView(request)} />);
  });

  app.post('/login/otp', { config: authLimit }, async (request, reply) => {
    const mobile = field(request.body, 'mobile', 40);
    const next = safeNextPath(field(request.body, 'next'));
    const result = await sendCode(request, reply, { mobile, name: '', next });
    if (!result.ok) {
      const view = loginView(request, { citizen: { mobile, errors: result.errors } });
      return sendPage(reply, <LoginPage page={page(request, reply)} view={view} />, result.status);
    }
    return reply;
  });

  app.get('/verify', async (request, reply) => {
    const pending = readPending(request);
    if (!pending) return reply.redirect('/login', 303);
    return sendPage(reply, <VerifyPage page={page(request, reply)} view={{ mobileLabel: maskedMobile(pending.mobile), errors: {} }} />);
  });

  app.post('/verify', { config: authLimit }, async (request, reply) => {
    const pending = readPending(request);
    if (!pending) return reply.redirect('/login', 303);
    const result = await submitForm(() =>
      verifyOtp(ctx, {
        mobile: pending.mobile, code: field(request.body, 'code', 20), name: pending.name,
        secret: ctx.config.sessionSecret, maxAttempts: ctx.config.OTP_MAX_ATTEMPTS, sessionDays: ctx.config.SESSION_DAYS,
        ip: request.ip, userAgent: request.headers['user-agent'] ?? null,
      }),
    );
    if (!result.ok) {
      const view = { mobileLabel: maskedMobile(pending.mobile), errors: result.errors };
      return sendPage(reply, <VerifyPage page={page(request, reply)} view={view} />, result.status);
    }
    reply.clearCookie(OTP_COOKIE, { path: '/' });
    startSession(reply, result.value.token, result.value.expiresAt);
    if (result.value.isNew) {
      setFlash(reply, { kind: 'success', text: t('auth.welcome') });
      return reply.redirect('/profile', 303);
    }
    setFlash(reply, { kind: 'success', text: t('auth.logged_in') });
    return reply.redirect(pending.next || '/', 303);
  });

  app.post('/verify/resend', { config: authLimit }, async (request, reply) => {
    const pending = readPending(request);
    if (!pending) return reply.redirect('/login', 303);
    const result = await sendCode(request, reply, pending);
    if (!result.ok) {
      const view = { mobileLabel: maskedMobile(pending.mobile), errors: result.errors };
      return sendPage(reply, <VerifyPage page={page(request, reply)} view={view} />, result.status);
    }
    return reply;
  });

  // ---- staff: password ----
  app.post('/login/password', { config: authLimit }, async (request, reply) => {
    const email = field(request.body, 'email', 200);
    const result = await submitForm(() =>
      loginStaff(ctx, {
        email, password: field(request.body, 'password', 500), sessionDays: ctx.config.SESSION_DAYS,
        ip: request.ip, userAgent: request.headers['user-agent'] ?? null,
      }),
    );
    if (!result.ok) {
      const view = loginView(request, { staff: { email, errors: result.errors } });
      return sendPage(reply, <LoginPage page={page(request, reply)} view={view} />, result.status);
    }
    startSession(reply, result.value.token, result.value.expiresAt);
    setFlash(reply, { kind: 'success', text: t('auth.logged_in') });
    return reply.redirect(safeNextPath(field(request.body, 'next')), 303);
  });

  // ---- sign out ----
  app.post('/logout', async (request, reply) => {
    if (request.actor && request.sessionHash) await endSession(ctx, request.actor.id, request.sessionHash);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    setFlash(reply, { kind: 'info', text: t('auth.logged_out') });
    return reply.redirect('/', 303);
  });

  app.post('/logout/all', { preHandler: requirePermission('profile.edit') }, async (request, reply) => {
    await endAllSessions(ctx, actorOf(request).id);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    setFlash(reply, { kind: 'info', text: t('auth.logged_out_everywhere') });
    return reply.redirect('/', 303);
  });

  // ---- profile ----
  const profileView = async (request: FastifyRequest, values: { name: string; home_place_id: string }, errors: Record<string, string>) => {
    const actor = actorOf(request);
    const user = await findUserById(ctx.db, actor.id);
    if (!user) throw notFound();
    const query = field(request.query, 'place_q', 100);
    const choices = await homeChoices(ctx.db, query || null);
    const home = user.home_place_id ? await findPlace(ctx.db, user.home_place_id) : undefined;
    return {
      values,
      errors,
      mobileLabel: user.mobile ? toPersianDigits(user.mobile) : null,
      roleLabels: actor.roles.map((r) => t(`role.${r}`)),
      sessionCount: await countSessionsOfUser(ctx.db, actor.id, ctx.clock.now().toISOString()),
      homeGroups: choices.groups.map((g) => ({
        label: g.label,
        options: g.options.map((o) => ({ value: String(o.id), label: o.isDemo ? `${o.name} (${t('places.demo_badge')})` : o.name })),
      })),
      homeQuery: query,
      homeTruncated: choices.truncated || query !== '',
      homePlaceLink: home ? { href: `/places/${home.id}`, label: home.name } : null,
    };
  };

  app.get('/profile', { preHandler: requirePermission('profile.edit') }, async (request, reply) => {
    const user = await findUserById(ctx.db, actorOf(request).id);
    if (!user) throw notFound();
    const view = await profileView(request, { name: user.name, home_place_id: user.home_place_id ? String(user.home_place_id) : '' }, {});
    return sendPage(reply, <ProfilePage page={page(request, reply)} view={view} />);
  });

  app.post('/profile', { preHandler: requirePermission('profile.edit') }, async (request, reply) => {
    const values = { name: field(request.body, 'name', 200), home_place_id: field(request.body, 'home_place_id', 20) };
    const result = await submitForm(() => updateProfile(ctx, actorOf(request), { name: values.name, homePlaceId: values.home_place_id }));
    if (!result.ok) {
      const view = await profileView(request, values, result.errors);
      return sendPage(reply, <ProfilePage page={page(request, reply)} view={view} />, result.status);
    }
    setFlash(reply, { kind: 'success', text: t('profile.saved') });
    return reply.redirect('/profile', 303);
  });

  // ---- notifications ----
  app.get('/notifications', { preHandler: requirePermission('notifications.read') }, async (request, reply) => {
    const actor = actorOf(request);
    const p = pageFromQuery(field(request.query, 'page'), 20);
    const [items, counts] = await Promise.all([
      listInAppNotifications(ctx.db, actor.id, p),
      countInAppNotifications(ctx.db, actor.id),
    ]);
    const pager = { page: p.page, pages: pageCount(counts.total, 20), hrefFor: (n: number) => `/notifications?page=${n}` };
    const view = items.map((n) => ({ subject: n.subject, body: n.body, href: n.link, when: formatJalaliDateTime(n.created_at), unread: !n.read_at }));
    return sendPage(reply, <NotificationsPage page={page(request, reply)} items={view} unread={counts.unread} pager={pager} />);
  });

  app.post('/notifications/read', { preHandler: requirePermission('notifications.read') }, async (request, reply) => {
    await markAllRead(ctx.db, actorOf(request).id, ctx.clock.now().toISOString());
    return reply.redirect('/notifications', 303);
  });
}
