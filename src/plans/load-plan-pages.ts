import type { AppContext } from '../context.ts';
import { can, type Actor } from '../accounts/permissions.ts';
import { findAgency } from '../agencies/agencies.repo.ts';
import { eligiblePlaceIds, findCall } from '../calls/calls.repo.ts';
import { AppError, notFound } from '../platform/http/errors.ts';
import { t } from '../platform/i18n/t.ts';
import { toAsciiDigits, toPersianDigits } from '../platform/persian/digits.ts';
import { formatJalaliDate, formatJalaliDateTime } from '../platform/persian/jalali.ts';
import { matchKey } from '../platform/persian/normalize.ts';
import { formatMoney, parseAmount } from '../platform/persian/money.ts';
import { pageCount } from '../platform/views/pagination.ts';
import { homeKinds } from '../places/place-kinds.ts';
import {
  attachmentView, budgetFigures, checklistOptions, diffView, errorLabels, eventView, formFrame, gateSections, money, readonlyPlan,
  statusLabel, versionLinks, type AttachmentView, type StepFormView,
} from './form-view.ts';
import { stateFromContent, stepNumber, type FormErrors, type FormState, type StepKey } from './form-steps.ts';
import { parseStoredContent, type PlanContent } from './plan-content.ts';
import { diffPlanContent } from './plan-diff.ts';
import { editableStatuses, planTransitions, type PlanStatus } from './plan-lifecycle.ts';
import {
  countPlansOfAgencies, findPlan, findPlanVersion, listAttachments, listPlanEvents, listPlanVersions, openInvitationsOfAgencies, placeChoicesWithin,
  placeNamesByIds, plansAwaitingScreening, plansOfAgencies, type PlanRow,
} from './plans.repo.ts';
import { gateReport } from './submit-plan.ts';
import type { AttachmentsStepView } from './views/form-attachments-page.tsx';
import type { OverviewView, PlanSummaryView, HistoryView } from './views/form-overview-page.tsx';
import type { ReviewStepView, WithdrawView } from './views/form-review-page.tsx';
import type { WorkspaceInvitation, WorkspaceView } from './views/form-workspace-page.tsx';
import type { ScreeningPlanView, ScreeningRow } from './views/screening-pages.tsx';

type Ctx = Pick<AppContext, 'db' | 'dialect' | 'clock'>;

/**
 * The plan behind a route, for someone who may read its internals (officers of its agency and
 * programme staff) or edit it (its agency's officers). Another agency's officer gets 403.
 */
export async function loadPlanFor(ctx: Ctx, actor: Actor, rawId: string, need: 'read' | 'edit'): Promise<PlanRow> {
  const id = idFrom(rawId);
  const plan = id === null ? undefined : await findPlan(ctx.db, id);
  if (!plan) throw notFound();
  const subject = { agencyId: plan.agency_id, status: plan.status };
  if (!can(actor, 'plan.read_internal', subject)) throw new AppError('forbidden');
  if (need === 'edit' && !can(actor, 'plan.edit', subject)) throw new AppError('forbidden');
  return plan;
}

/** A numeric id from the URL (any digit kind), or null. */
export function idFrom(raw: string): number | null {
  const s = toAsciiDigits(raw);
  return /^\d{1,9}$/.test(s) ? Number(s) : null;
}

export const isEditable = (plan: Pick<PlanRow, 'status'>) => editableStatuses.includes(plan.status);

/** The secretariat's message when the plan is back with its agency. */
async function returnedMessage(ctx: Ctx, plan: PlanRow, events?: Awaited<ReturnType<typeof listPlanEvents>>): Promise<string | null> {
  if (plan.status !== 'returned') return null;
  const list = events ?? (await listPlanEvents(ctx.db, plan.id));
  return list.find((e) => e.to_status === 'returned')?.message ?? null;
}

async function placeNameMap(ctx: Ctx, ids: readonly number[]): Promise<Map<number, string>> {
  const rows = await placeNamesByIds(ctx.db, [...new Set(ids)]);
  return new Map(rows.map((r) => [r.id, placeLabel(r)]));
}

const placeLabel = (r: { name: string; parent_name: string | null; is_demo: 0 | 1 }) =>
  `${r.name}${r.parent_name ? ` (${r.parent_name})` : ''}${r.is_demo ? ` — ${t('planForm.demo')}` : ''}`;

const attachmentsOf = async (ctx: Ctx, planId: number, hrefBase: string): Promise<AttachmentView[]> =>
  (await listAttachments(ctx.db, planId)).map((a) => attachmentView(a, hrefBase));

// ---- the form ----

export type StepPage =
  | { kind: 'form'; view: StepFormView }
  | { kind: 'attachments'; view: AttachmentsStepView }
  | { kind: 'review'; view: ReviewStepView };

export type StepPageOptions = {
  /** What was typed, when a save was refused; otherwise the stored plan fills the form. */
  state?: FormState;
  errors?: FormErrors;
  blank?: number;
  query?: string;
  submitFailed?: boolean;
  withdraw?: { reason: string; error?: string };
};

export async function loadStepPage(ctx: Ctx, plan: PlanRow, step: StepKey, o: StepPageOptions = {}): Promise<StepPage> {
  const content = parseStoredContent(plan.content);
  const [gate, message] = await Promise.all([gateReport(ctx, plan.id), returnedMessage(ctx, plan)]);
  const frame = formFrame({ planId: plan.id, title: content.title, step, gate, returnedMessage: message });
  const errors = o.errors ?? {};
  if (step === 'attachments') {
    const attachments = await attachmentsOf(ctx, plan.id, `/my/plans/${plan.id}/attachments`);
    return { kind: 'attachments', view: { ...frame, attachments, errors, nextHref: `/my/plans/${plan.id}/edit/${stepNumber('review')}` } };
  }
  if (step === 'review') {
    return {
      kind: 'review',
      view: {
        ...frame,
        sections: gateSections(plan.id, gate),
        submitFailed: o.submitFailed ?? false,
        isResubmission: plan.version > 0,
        withdraw: withdrawView(plan, 'review', o.withdraw),
      },
    };
  }
  const state = o.state ?? stateFromContent(step, content, o.blank);
  const view: StepFormView = { ...frame, state, errors, errorLabels: errorLabels(errors) };
  if (step === 'places') view.places = await placeChoices(ctx, plan, state, o.query ?? '');
  if (step === 'budget') {
    const typed = parseAmount(state.values.requestedTotal ?? '');
    view.budget = budgetFigures(state, typed ?? (o.state ? null : content.requestedTotal));
  }
  return { kind: 'form', view };
}

export const PLACE_CHOICES_LIMIT = 300;

async function placeChoices(ctx: Ctx, plan: PlanRow, state: FormState, query: string): Promise<NonNullable<StepFormView['places']>> {
  const selectedIds = (state.lists.placeIds ?? []).map((x) => idFrom(x)).filter((x): x is number => x !== null);
  const key = query.trim() ? matchKey(query) : null;
  const [selectedRows, choices] = await Promise.all([
    placeNamesByIds(ctx.db, selectedIds),
    eligiblePlaceIds(ctx.db, plan.call_id).then((roots) => placeChoicesWithin(ctx.db, { roots, kinds: homeKinds, key, limit: PLACE_CHOICES_LIMIT + 1 })),
  ]);
  const selected = new Set(selectedIds);
  const groups = new Map<number, { label: string; options: { value: string; label: string; checked: boolean }[] }>();
  for (const r of choices.slice(0, PLACE_CHOICES_LIMIT)) {
    if (selected.has(r.id)) continue;
    const g = groups.get(r.parent_id) ?? { label: r.parent_name, options: [] };
    g.options.push({ value: String(r.id), label: r.is_demo ? `${r.name} — ${t('planForm.demo')}` : r.name, checked: false });
    groups.set(r.parent_id, g);
  }
  const truncated = choices.length > PLACE_CHOICES_LIMIT;
  return {
    selected: selectedRows.map((r) => ({ value: String(r.id), label: placeLabel(r) })),
    groups: [...groups.values()],
    query,
    showFilter: truncated || query.trim() !== '',
    truncated,
    filterAction: `/my/plans/${plan.id}/edit/${stepNumber('places')}`,
  };
}

const withdrawable = (status: PlanStatus) => (planTransitions.withdraw.from as readonly PlanStatus[]).includes(status);

function withdrawView(plan: PlanRow, from: 'review' | 'overview', typed?: { reason: string; error?: string }): WithdrawView {
  return { action: `/my/plans/${plan.id}/withdraw`, from, reason: typed?.reason ?? '', error: typed?.error };
}

// ---- workspace ----

export const WORKSPACE_PAGE_SIZE = 25;

export async function loadWorkspace(
  ctx: Ctx,
  actor: Actor,
  p: { page: number; limit: number; offset: number },
  typed?: { callId: number; agencyId: number; title: string; error?: string },
): Promise<WorkspaceView> {
  const agencyIds = actor.agencyIds ?? [];
  const [rows, total, invitations] = await Promise.all([
    plansOfAgencies(ctx.db, agencyIds, p),
    countPlansOfAgencies(ctx.db, agencyIds),
    openInvitationsOfAgencies(ctx.db, agencyIds),
  ]);
  return {
    hasAgency: agencyIds.length > 0,
    plans: rows.map((r) => ({
      href: `/my/plans/${r.id}`,
      title: r.title.trim() ? toPersianDigits(r.title) : t('planForm.untitled'),
      agency: r.agency_name,
      call: toPersianDigits(r.call_title),
      status: statusLabel(r.status),
      amount: money(Number(r.requested_rials)),
      updated: formatJalaliDateTime(r.updated_at),
      version: toPersianDigits(r.version),
    })),
    pager: { page: p.page, pages: pageCount(total, WORKSPACE_PAGE_SIZE), hrefFor: (n) => `/my/plans?page=${n}` },
    invitations: invitations.map((i): WorkspaceInvitation => {
      const mine = typed && typed.callId === i.call_id && typed.agencyId === i.agency_id;
      return {
        callId: i.call_id,
        agencyId: i.agency_id,
        callTitle: toPersianDigits(i.call_title),
        meta: t('planForm.workspace.call_meta', { agency: i.agency_name, credit: formatMoney(i.credit_rials, 'rial'), deadline: formatJalaliDate(i.deadline_at) }),
        title: mine ? typed.title : '',
        error: mine ? typed.error : undefined,
      };
    }),
  };
}

// ---- overview, history, diff ----

async function summaryOf(ctx: Ctx, plan: PlanRow, content: PlanContent): Promise<PlanSummaryView> {
  const [call, agency] = await Promise.all([findCall(ctx.db, plan.call_id), findAgency(ctx.db, plan.agency_id)]);
  return {
    title: content.title.trim() ? toPersianDigits(content.title) : t('planForm.untitled'),
    status: statusLabel(plan.status),
    call: call ? toPersianDigits(call.title) : '—',
    agency: agency?.name ?? '—',
    amount: money(plan.requested_rials),
    version: plan.version > 0 ? toPersianDigits(plan.version) : t('planForm.meta.never'),
    updated: formatJalaliDateTime(plan.updated_at),
  };
}

async function historyOf(ctx: Ctx, plan: PlanRow, base: string, events: Awaited<ReturnType<typeof listPlanEvents>>): Promise<HistoryView> {
  const versions = await listPlanVersions(ctx.db, plan.id);
  const latest = versions[0];
  return {
    versions: versionLinks(versions, base),
    draftCompare: latest && isEditable(plan) ? { href: `${base}/versions/${latest.version}..draft`, label: t('planForm.versions.compare_draft', { version: latest.version }) } : null,
    events: events.map(eventView),
  };
}

export async function loadOverview(ctx: Ctx, plan: PlanRow, typed?: { reason: string; error?: string }): Promise<OverviewView> {
  const content = parseStoredContent(plan.content);
  const base = `/my/plans/${plan.id}`;
  const events = await listPlanEvents(ctx.db, plan.id);
  const [summary, history, names, attachments, message] = await Promise.all([
    summaryOf(ctx, plan, content),
    historyOf(ctx, plan, base, events),
    placeNameMap(ctx, content.placeIds),
    attachmentsOf(ctx, plan.id, `${base}/attachments`),
    returnedMessage(ctx, plan, events),
  ]);
  return {
    summary,
    editHref: isEditable(plan) ? `${base}/edit/1` : null,
    returnedMessage: message ? toPersianDigits(message) : null,
    history,
    plan: readonlyPlan(content, names, attachments),
    withdraw: withdrawable(plan.status) ? withdrawView(plan, 'overview', typed) : null,
  };
}

/** The difference between two submitted versions (`2..3`), or a version and the current draft (`3..draft`). */
export async function loadDiff(ctx: Ctx, plan: PlanRow, range: string, backHref: string) {
  const m = /^(\d{1,4})\.\.(\d{1,4}|draft)$/.exec(toAsciiDigits(range));
  if (!m) throw notFound();
  const a = Number(m[1]);
  const b = m[2] === 'draft' ? ('draft' as const) : Number(m[2]);
  if (b !== 'draft' && b <= a) throw notFound();
  const [va, vb] = await Promise.all([findPlanVersion(ctx.db, plan.id, a), b === 'draft' ? null : findPlanVersion(ctx.db, plan.id, b)]);
  if (!va || (b !== 'draft' && !vb)) throw notFound();
  const before = parseStoredContent(va.content);
  const after = parseStoredContent(b === 'draft' ? plan.content : vb!.content);
  const names = await placeNameMap(ctx, [...before.placeIds, ...after.placeIds]);
  return diffView(a, b, diffPlanContent(before, after, names), backHref);
}

// ---- screening ----

export async function loadScreeningList(ctx: Ctx): Promise<ScreeningRow[]> {
  const rows = await plansAwaitingScreening(ctx.db);
  return rows.map((r) => ({
    href: `/admin/screening/${r.id}`,
    title: toPersianDigits(r.title),
    agency: r.agency_name,
    call: toPersianDigits(r.call_title),
    status: statusLabel(r.status),
    submitted: r.submitted_at ? formatJalaliDateTime(r.submitted_at) : '—',
    version: toPersianDigits(r.version),
    amount: money(Number(r.requested_rials)),
  }));
}

/** A plan as the secretariat screens it (the route has made sure it was submitted at least once). */
export async function loadScreeningPlan(
  ctx: Ctx,
  plan: PlanRow,
  typed: { checked?: string[]; message?: string; errors?: FormErrors } = {},
): Promise<ScreeningPlanView> {
  const content = parseStoredContent(plan.content);
  const base = `/admin/screening/${plan.id}`;
  const events = await listPlanEvents(ctx.db, plan.id);
  const [summary, history, names, attachments] = await Promise.all([
    summaryOf(ctx, plan, content),
    historyOf(ctx, plan, base, events),
    placeNameMap(ctx, content.placeIds),
    attachmentsOf(ctx, plan.id, `${base}/attachments`),
  ]);
  const from = (action: keyof typeof planTransitions) => (planTransitions[action].from as readonly PlanStatus[]).includes(plan.status);
  return {
    id: plan.id,
    summary,
    history,
    plan: readonlyPlan(content, names, attachments),
    canStart: from('start_screening'),
    canPass: from('pass_screening'),
    canReturn: from('return'),
    checklist: checklistOptions(typed.checked ?? []),
    message: typed.message ?? '',
    errors: typed.errors ?? {},
  };
}
