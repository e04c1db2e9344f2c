import type { AppContext } from '../../context.ts';
import { can, type Actor } from '../../accounts/permissions.ts';
import { parseStoredContent, type PlanContent } from '../../plans/plan-content.ts';
import { notFound, AppError } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/t.ts';
import { toAsciiDigits } from '../../platform/persian/digits.ts';
import { formatJalaliDateTime } from '../../platform/persian/jalali.ts';
import { formatMoney, formatNumber } from '../../platform/persian/money.ts';
import { pageCount } from '../../platform/views/pagination.ts';
import type { FieldErrors } from '../../platform/views/components.tsx';
import { ageBands } from '../../taxonomy/codes.ts';
import { parseStoredReportContent, type ReportContent } from './report-content.ts';
import { valuesFromContent, type ReportFormValues } from './report-form.ts';
import { isEditableReport, type ReportStatus } from './report-lifecycle.ts';
import { dateLabel, periodsOfPlan } from './report-rules.ts';
import {
  findReport, findReportingPlan, findReportOfPeriod, listReportEvents, listReportFiles, listReportingPlans, listReportsByStatus, listReportsOfPlans,
  type ReportingPlanRow, type ReportRow,
} from './reports.repo.ts';
import { tehranDate, timelinessOf, type DuePeriod, type Timeliness } from './schedule.ts';
import { periodName } from './submit-progress-report.ts';

export const ADMIN_PAGE_SIZE = 30;
const money = (n: number) => formatMoney(n, 'rial');
/** Whole percents, as the public results pages show them. */
const percent = (n: number | null) => (n === null ? t('reports.value.none') : `${formatNumber(Math.round(n))}٪`);
const num = (n: number | null) => (n === null ? t('reports.value.none') : formatNumber(n));

export function idOf(raw: string): number | null {
  const s = toAsciiDigits((raw ?? '').trim());
  return /^\d{1,9}$/.test(s) ? Number(s) : null;
}

/** A quarter code from the address ('1405Q2', Persian digits too), or null. */
export function periodParam(raw: string): string | null {
  const s = toAsciiDigits((raw ?? '').trim()).toUpperCase();
  return /^\d{4}Q[1-4]$/.test(s) ? s : null;
}

export type StatusKey = ReportStatus | 'none';
const statusLabel = (s: StatusKey) => t(`reports.status.${s}`);

// ---------------------------------------------------------------- officers: /my/reports

export type PeriodRowView = {
  period: string;
  label: string;
  dueLabel: string;
  status: StatusKey;
  statusLabel: string;
  timeliness: Timeliness;
  late: boolean;
  href: string;
  action: 'start' | 'continue' | 'view';
};

export type MyPlanCard = { planId: number; title: string; agencyName: string; planStatus: string; stats: { label: string; value: string }[]; periods: PeriodRowView[]; isDemo: boolean };
export type MyReportsView = { hasAgency: boolean; plans: MyPlanCard[] };

function periodRows(plan: ReportingPlanRow, reports: ReportRow[], today: string, content: PlanContent): PeriodRowView[] {
  return periodsOfPlan(plan, today, content)
    .reverse()
    .map((due) => {
      const r = reports.find((x) => x.period === due.period) ?? null;
      const timeliness = timelinessOf(due, r, today);
      const status: StatusKey = r?.status ?? 'none';
      return {
        period: due.period, label: periodName(due.period), dueLabel: dateLabel(due.dueOn), status, statusLabel: statusLabel(status), timeliness,
        // The officer is flagged only while something is still owed: nothing sent, or a late report sent back.
        late: timeliness === 'missing' || (timeliness === 'late' && status === 'returned'), href: `/my/plans/${plan.id}/reports/${due.period}`,
        action: !r ? 'start' : isEditableReport(r.status) ? 'continue' : 'view',
      };
    });
}

const approvedSpent = (reports: ReportRow[]) => reports.filter((r) => r.status === 'approved').reduce((s, r) => s + r.spentRials, 0);

export async function loadMyReports(ctx: AppContext, actor: Actor): Promise<MyReportsView> {
  const agencyIds = actor.agencyIds ?? [];
  const plans = await listReportingPlans(ctx.db, agencyIds);
  const reports = await listReportsOfPlans(ctx.db, plans.map((p) => p.id));
  const today = tehranDate(ctx.clock.now());
  return {
    hasAgency: agencyIds.length > 0,
    plans: plans.map((p) => {
      const mine = reports.filter((r) => r.planId === p.id);
      const latest = mine.filter((r) => r.status === 'approved').at(-1);
      return {
        planId: p.id, title: p.title, agencyName: p.agencyName, planStatus: t(`planStatus.${p.status}`), isDemo: p.isDemo,
        stats: [
          { label: t('reports.money.funded'), value: money(p.fundedRials) },
          { label: t('reports.money.spent'), value: money(approvedSpent(mine)) },
          { label: t('reports.progress'), value: percent(latest?.progressPercent ?? null) },
        ],
        periods: periodRows(p, mine, today, parseStoredContent(p.content)),
      };
    }),
  };
}

// ---------------------------------------------------------------- the report, read-only

export type ReportDetailsView = {
  id: number;
  planId: number;
  planTitle: string;
  agencyName: string;
  period: string;
  periodLabel: string;
  status: ReportStatus;
  statusLabel: string;
  timelinessLabel: string;
  late: boolean;
  isDemo: boolean;
  facts: { label: string; value: string }[];
  decisionNote: string | null;
  money: { label: string; value: string }[];
  activities: { name: string; statusLabel: string; percent: string; note: string }[];
  beneficiaries: { group: string; planned: string; female: string; male: string; reached: string; ages: string }[];
  beneficiariesTotal: { planned: string; reached: string };
  indicators: { statement: string; unit: string; level: string; baseline: string; target: string; actual: string; change: string; note: string }[];
  texts: { label: string; value: string }[];
  files: FileView[];
  history: { at: string; label: string; actor: string; message: string | null }[];
};

export type FileView = { id: number; name: string; href: string; meta: string };

const fileViews = async (ctx: AppContext, reportId: number): Promise<FileView[]> =>
  (await listReportFiles(ctx.db, reportId)).map((f) => ({
    id: f.id, name: f.file_name, href: `/reports/${reportId}/files/${f.id}`,
    meta: t('reports.file.meta', { kind: t(f.mime === 'application/pdf' ? 'reports.file.pdf' : 'reports.file.image'), size: formatNumber(Math.max(1, Math.round(f.size_bytes / 1024))) }),
  }));

async function detailsOf(ctx: AppContext, plan: ReportingPlanRow, report: ReportRow, all: ReportRow[], today: string): Promise<ReportDetailsView> {
  const planContent = parseStoredContent(plan.content);
  const c = parseStoredReportContent(report.content);
  const due: DuePeriod = { period: report.period, dueOn: report.dueOn };
  const timeliness = timelinessOf(due, report, today);
  // Spending before this report: the plan's other approved reports of earlier quarters.
  const before = all.filter((r) => r.id !== report.id && r.status === 'approved' && r.period < report.period).reduce((s, r) => s + r.spentRials, 0);
  const events = await listReportEvents(ctx.db, [report.id]);
  const plannedTotal = planContent.targetGroups.reduce((s, g) => s + g.female + g.male, 0);
  return {
    id: report.id, planId: plan.id, planTitle: plan.title, agencyName: plan.agencyName, period: report.period, periodLabel: periodName(report.period),
    status: report.status, statusLabel: statusLabel(report.status), timelinessLabel: t(`reports.timeliness.${timeliness}`), late: timeliness === 'late' || timeliness === 'missing',
    isDemo: report.isDemo,
    facts: [
      { label: t('reports.fact.due'), value: dateLabel(report.dueOn) },
      { label: t('reports.fact.submitted'), value: report.submittedAt ? formatJalaliDateTime(report.submittedAt) : t('reports.value.none') },
      { label: t('reports.fact.decided'), value: report.decidedAt ? formatJalaliDateTime(report.decidedAt) : t('reports.value.none') },
      { label: t('reports.progress_after'), value: percent(report.progressPercent) },
    ],
    decisionNote: report.decisionNote,
    money: [
      { label: t('reports.money.funded'), value: money(plan.fundedRials) },
      { label: t('reports.money.before'), value: money(before) },
      { label: t('reports.money.this_quarter'), value: money(report.spentRials) },
      { label: t('reports.money.remaining_after'), value: money(Math.max(0, plan.fundedRials - before - report.spentRials)) },
    ],
    activities: planContent.activities.map((name, index) => {
      const a = c.activities.find((x) => x.index === index);
      return { name, statusLabel: a ? t(`reports.activity.${a.status}`) : t('reports.value.none'), percent: a ? percent(a.percent) : t('reports.value.none'), note: a?.note ?? '' };
    }),
    beneficiaries: planContent.targetGroups.map((g) => {
      const b = c.beneficiaries.find((x) => x.group === g.group);
      const ages = b ? ageBands.filter((band) => b.ageBands[band] > 0).map((band) => `${t(`age.${band}`)}: ${formatNumber(b.ageBands[band])}`).join('، ') : '';
      return {
        group: t(`target.${g.group}`), planned: formatNumber(g.female + g.male), female: formatNumber(b?.female ?? 0), male: formatNumber(b?.male ?? 0),
        reached: formatNumber((b?.female ?? 0) + (b?.male ?? 0)), ages: ages || t('reports.value.none'),
      };
    }),
    beneficiariesTotal: { planned: formatNumber(plannedTotal), reached: formatNumber(report.beneficiariesTotal) },
    indicators: planContent.indicators.map((i, index) => {
      const a = c.indicatorActuals.find((x) => x.index === index);
      const actual = a?.actual ?? null;
      const change = actual !== null && i.baseline !== null ? actual - i.baseline : null;
      return {
        statement: i.statement, unit: i.unit, level: t(`reports.indicator.${i.level}`), baseline: num(i.baseline), target: num(i.target), actual: num(actual),
        change: change === null ? t('reports.value.none') : `${change > 0 ? '+' : ''}${formatNumber(change)}`, note: a?.note ?? '',
      };
    }),
    texts: [
      { label: t('reports.field.narrative'), value: c.narrative },
      { label: t('reports.field.challenges'), value: c.challenges },
      { label: t('reports.field.nextSteps'), value: c.nextSteps },
    ],
    files: await fileViews(ctx, report.id),
    history: events.map((e) => ({
      at: formatJalaliDateTime(e.at), label: t(`reports.event.${e.to_status}`), actor: e.actor_name ?? t('reports.value.system'), message: e.message,
    })),
  };
}

// ---------------------------------------------------------------- officers: the form

export type ReportFormView = {
  planId: number;
  planTitle: string;
  agencyName: string;
  period: string;
  periodLabel: string;
  dueLabel: string;
  status: StatusKey;
  statusLabel: string;
  late: boolean;
  reportId: number | null;
  returnedNote: string | null;
  money: { label: string; value: string }[];
  activities: { index: number; name: string }[];
  groups: { index: number; label: string; planned: string }[];
  ageBands: { band: string; label: string }[];
  indicators: { index: number; statement: string; unit: string; level: string; baseline: string; target: string; previous: string }[];
  values: ReportFormValues;
  errors: FieldErrors;
  files: FileView[];
  fileError: string | null;
};

export type MyReportPage = { kind: 'form'; view: ReportFormView } | { kind: 'details'; view: ReportDetailsView };

/**
 * /my/plans/:planId/reports/:period for an officer of the plan's agency: the form while the report
 * is new, a draft or returned; the report read-only once submitted. A new report starts from the
 * latest earlier report's activities (each activity keeps its percent until restated).
 */
export async function loadMyReport(
  ctx: AppContext,
  actor: Actor,
  planId: number,
  period: string,
  state: { values?: ReportFormValues; errors?: FieldErrors; fileError?: string } = {},
): Promise<MyReportPage> {
  const plan = await findReportingPlan(ctx.db, planId);
  if (!plan) throw notFound();
  if (!can(actor, 'report.read', { agencyId: plan.agencyId })) throw new AppError('forbidden');
  const today = tehranDate(ctx.clock.now());
  const planContent = parseStoredContent(plan.content);
  const due = periodsOfPlan(plan, today, planContent).find((d) => d.period === period);
  const all = await listReportsOfPlans(ctx.db, [plan.id]);
  const report = all.find((r) => r.period === period) ?? null;
  if (!due && !report) throw notFound();
  if (report && (!isEditableReport(report.status) || !can(actor, 'report.file', { agencyId: plan.agencyId }))) {
    return { kind: 'details', view: await detailsOf(ctx, plan, report, all, today) };
  }
  const dueOn = report?.dueOn ?? due!.dueOn;
  const timeliness = timelinessOf({ period, dueOn }, report, today);
  const spentBefore = all.filter((r) => r.id !== report?.id && r.status !== 'draft').reduce((s, r) => s + r.spentRials, 0);
  const earlier = all.filter((r) => r.period < period && r.status !== 'draft');
  const previous = earlier.at(-1);
  const prefill: ReportContent = report
    ? parseStoredReportContent(report.content)
    : { ...parseStoredReportContent('{}'), activities: previous ? parseStoredReportContent(previous.content).activities.map((a) => ({ ...a, note: '' })) : [] };
  const lastActual = (index: number) => {
    for (const r of [...earlier].reverse()) {
      const a = parseStoredReportContent(r.content).indicatorActuals.find((x) => x.index === index);
      if (a && a.actual !== null) return `${formatNumber(a.actual)} (${periodName(r.period)})`;
    }
    return t('reports.value.none');
  };
  return {
    kind: 'form',
    view: {
      planId: plan.id, planTitle: plan.title, agencyName: plan.agencyName, period, periodLabel: periodName(period), dueLabel: dateLabel(dueOn),
      status: report?.status ?? 'none', statusLabel: statusLabel(report?.status ?? 'none'), late: timeliness === 'missing' || timeliness === 'late',
      reportId: report?.id ?? null, returnedNote: report?.status === 'returned' ? report.decisionNote : null,
      money: [
        { label: t('reports.money.funded'), value: money(plan.fundedRials) },
        { label: t('reports.money.declared'), value: money(spentBefore) },
        { label: t('reports.money.remaining'), value: money(Math.max(0, plan.fundedRials - spentBefore)) },
      ],
      activities: planContent.activities.map((name, index) => ({ index, name })),
      groups: planContent.targetGroups.map((g, index) => ({ index, label: t(`target.${g.group}`), planned: formatNumber(g.female + g.male) })),
      ageBands: ageBands.map((band) => ({ band, label: t(`age.${band}`) })),
      indicators: planContent.indicators.map((i, index) => ({
        index, statement: i.statement, unit: i.unit, level: t(`reports.indicator.${i.level}`), baseline: num(i.baseline), target: num(i.target), previous: lastActual(index),
      })),
      values: state.values ?? valuesFromContent(prefill, planContent),
      errors: state.errors ?? {},
      files: report ? await fileViews(ctx, report.id) : [],
      fileError: state.fileError ?? null,
    },
  };
}

// ---------------------------------------------------------------- secretariat

export const adminTabs = ['submitted', 'overdue', 'approved', 'returned'] as const;
export type AdminTab = (typeof adminTabs)[number];

export type QueueRowView = { id: number; href: string; planTitle: string; agencyName: string; periodLabel: string; statusLabel: string; submitted: string; due: string; late: boolean; spent: string; isDemo: boolean };
export type OverdueRowView = { planId: number; planTitle: string; agencyName: string; periodLabel: string; due: string; timelinessLabel: string; statusLabel: string; href: string | null };
export type AdminReportsView = {
  tab: AdminTab;
  tabs: { key: AdminTab; label: string; href: string; current: boolean }[];
  queue: QueueRowView[];
  overdue: { agencyName: string; rows: OverdueRowView[] }[];
  page: number;
  pages: number;
  total: number;
};

export function parseAdminTab(raw: string): AdminTab {
  return (adminTabs as readonly string[]).includes(raw) ? (raw as AdminTab) : 'submitted';
}

export async function loadAdminReports(ctx: AppContext, tab: AdminTab, p: { page: number; limit: number; offset: number }): Promise<AdminReportsView> {
  const today = tehranDate(ctx.clock.now());
  const tabs = adminTabs.map((key) => ({ key, label: t(`reports.admin.tab.${key}`), href: `/admin/reports?tab=${key}`, current: key === tab }));
  if (tab === 'overdue') {
    const plans = await listReportingPlans(ctx.db);
    const reports = await listReportsOfPlans(ctx.db, plans.map((x) => x.id));
    const byAgency = new Map<string, OverdueRowView[]>();
    for (const plan of plans) {
      for (const due of periodsOfPlan(plan, today)) {
        const r = reports.find((x) => x.planId === plan.id && x.period === due.period) ?? null;
        const tl = timelinessOf(due, r, today);
        if (tl !== 'missing' && tl !== 'late') continue;
        const rows = byAgency.get(plan.agencyName) ?? [];
        rows.push({
          planId: plan.id, planTitle: plan.title, agencyName: plan.agencyName, periodLabel: periodName(due.period), due: dateLabel(due.dueOn),
          timelinessLabel: t(`reports.timeliness.${tl}`), statusLabel: statusLabel(r?.status ?? 'none'), href: r && r.status !== 'draft' ? `/admin/reports/${r.id}` : null,
        });
        byAgency.set(plan.agencyName, rows);
      }
    }
    const overdue = [...byAgency.entries()].sort((a, b) => b[1].length - a[1].length).map(([agencyName, rows]) => ({ agencyName, rows }));
    return { tab, tabs, queue: [], overdue, page: 1, pages: 1, total: overdue.reduce((s, g) => s + g.rows.length, 0) };
  }
  const { rows, total } = await listReportsByStatus(ctx.db, [tab], p);
  return {
    tab, tabs, overdue: [], page: p.page, pages: pageCount(total, p.limit), total,
    queue: rows.map((r) => {
      const tl = timelinessOf({ period: r.period, dueOn: r.dueOn }, r, today);
      return {
        id: r.id, href: `/admin/reports/${r.id}`, planTitle: r.planTitle, agencyName: r.agencyName, periodLabel: periodName(r.period), statusLabel: statusLabel(r.status),
        submitted: r.submittedAt ? formatJalaliDateTime(r.submittedAt) : t('reports.value.none'), due: dateLabel(r.dueOn), late: tl === 'late' || tl === 'missing',
        spent: money(r.spentRials), isDemo: r.isDemo,
      };
    }),
  };
}

export type DecisionForm = { decision: string; note: string; errors: FieldErrors };
export type AdminReportView = { details: ReportDetailsView; canDecide: boolean; form: DecisionForm };

/** /admin/reports/:id: the report against its plan, with the decision forms when it awaits one. */
export async function loadAdminReport(ctx: AppContext, actor: Actor, id: number, form?: DecisionForm): Promise<AdminReportView> {
  const report = await findReport(ctx.db, id);
  if (!report || report.status === 'draft') throw notFound();
  const plan = await findReportingPlan(ctx.db, report.planId);
  if (!plan) throw notFound();
  const all = await listReportsOfPlans(ctx.db, [plan.id]);
  const details = await detailsOf(ctx, plan, report, all, tehranDate(ctx.clock.now()));
  return { details, canDecide: report.status === 'submitted' && can(actor, 'report.review'), form: form ?? { decision: '', note: '', errors: {} } };
}

/** The report a file belongs to, for the download route's permission check. */
export async function reportForFile(ctx: AppContext, actor: Actor, reportId: number) {
  const report = await findReport(ctx.db, reportId);
  if (!report || !can(actor, 'report.read', { agencyId: report.agencyId })) throw notFound();
  return report;
}

export { findReportOfPeriod };
