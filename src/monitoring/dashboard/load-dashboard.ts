// The council dashboard's view-model: budget, agencies' compliance, overdue resolutions, report
// timeliness, participation and the need index, from a handful of grouped queries per request.
// Nothing is cached: every figure is computed when the page is asked for.

import type { AppContext } from '../../context.ts';
import { complianceLine, sortCompliance } from '../../calls/compliance.ts';
import { complianceRows, obligationSummary } from '../../calls/calls.repo.ts';
import { hasMessage, t } from '../../platform/i18n/t.ts';
import { toPersianDigits } from '../../platform/persian/digits.ts';
import { formatJalaliDate, formatJalaliDateTime } from '../../platform/persian/jalali.ts';
import { formatMoney, formatNumber } from '../../platform/persian/money.ts';
import { countResolutions, listResolutions } from '../../resolutions/resolutions.repo.ts';
import { deadlineLabel, remainingLabel } from '../../resolutions/resolution-format.ts';
import { periodLabel } from '../period-label.ts';
import { parsePeriod } from '../periods.ts';
import { reportingPeriods, tehranDate, timelinessOf } from '../reports/schedule.ts';
import {
  budgetByCounty, budgetByTag, budgetTotals, latestCall, participationCounts, reportingPlansLite, reportStates,
  type ReportingPlanLite, type ReportStateRow,
} from './dashboard.repo.ts';
import { computeNeedIndexData, needIndexQueries } from './load-need-index.ts';
import { coverageText, percent, scoreText, shareChart, shareSentence } from './load-targeting.ts';
import type { DashboardView, TimelinessRowView } from './views/dashboard-page.tsx';

const DAY = 86_400_000;
export const RECENT_DAYS = 90;
const TOP_PLACES = 10;
const LIST_LIMIT = 10;
/** Quarters shown in the timeliness chart and table, most recent last. */
const QUARTERS_SHOWN = 8;

const rials = (n: number) => formatMoney(Math.round(n), 'rial');
const pct = (part: number, whole: number) => (whole > 0 ? percent(part / whole) : '—');
const label = (key: string, fallback: string) => (hasMessage(key) ? t(key) : fallback);

export type TimelinessTally = { period: string; onTime: number; late: number; missing: number };
export type AgencyLateness = { agencyId: number; agencyName: string; late: number; missing: number };

/**
 * A bounded memo of a pure function, keyed by all of its inputs: a result can never be stale, and
 * the Jalali arithmetic of the reporting schedule is done once per distinct input rather than on
 * every request (the same plans and reports come back on every dashboard view).
 */
function pureMemo<A extends unknown[], R>(fn: (...args: A) => R, keyOf: (...args: A) => string, limit = 50_000): (...args: A) => R {
  const memo = new Map<string, R>();
  return (...args: A) => {
    const key = keyOf(...args);
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    const value = fn(...args);
    if (memo.size >= limit) memo.clear();
    memo.set(key, value);
    return value;
  };
}

const periodsOf = pureMemo(reportingPeriods, (p, today) => `${p.fundedAt}|${p.startDate}|${p.endDate}|${p.completedAt}|${today}`);
const timelinessMemo = pureMemo(timelinessOf, (due, r, today) => `${due.period}|${due.dueOn}|${r ? `${r.status}|${r.submittedAt}` : '-'}|${today}`);

/** Per quarter and per agency: reports on time, late and missing (quarters not yet due left out). */
export function tallyTimeliness(plans: readonly ReportingPlanLite[], reports: readonly ReportStateRow[], today: string) {
  const byKey = new Map(reports.map((r) => [`${r.planId}:${r.period}`, r]));
  const periods = new Map<string, TimelinessTally>();
  const agencies = new Map<number, AgencyLateness>();
  for (const plan of plans) {
    for (const due of periodsOf(plan, today)) {
      const state = timelinessMemo(due, byKey.get(`${plan.id}:${due.period}`) ?? null, today);
      if (state === 'not_due') continue;
      const p = periods.get(due.period) ?? { period: due.period, onTime: 0, late: 0, missing: 0 };
      if (state === 'on_time') p.onTime++;
      else if (state === 'late') p.late++;
      else p.missing++;
      periods.set(due.period, p);
      if (state !== 'on_time') {
        const a = agencies.get(plan.agencyId) ?? { agencyId: plan.agencyId, agencyName: plan.agencyName, late: 0, missing: 0 };
        if (state === 'late') a.late++;
        else a.missing++;
        agencies.set(plan.agencyId, a);
      }
    }
  }
  return {
    periods: [...periods.values()].sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0)),
    agencies: [...agencies.values()].sort((a, b) => b.missing - a.missing || b.late - a.late || a.agencyName.localeCompare(b.agencyName, 'fa')),
  };
}

/**
 * Every query the dashboard runs, in order, returning raw rows: the page is these plus arithmetic
 * and rendering (bench/dashboard.ts times this alone against the whole request).
 */
export async function dashboardQueries(ctx: Pick<AppContext, 'db' | 'dialect'>, now: Date) {
  const iso = now.toISOString();
  const since = new Date(now.getTime() - RECENT_DAYS * DAY).toISOString();
  const [totals, counties, tags, call, plans, reports, resolutionCounts, overdue, participation, needIndex] = await Promise.all([
    budgetTotals(ctx.db),
    budgetByCounty(ctx.db),
    budgetByTag(ctx.db),
    latestCall(ctx.db),
    reportingPlansLite(ctx.db, ctx.dialect),
    reportStates(ctx.db),
    countResolutions(ctx.db, iso),
    listResolutions(ctx.db, iso, { status: 'overdue' }, { limit: LIST_LIMIT }),
    participationCounts(ctx.db, since),
    needIndexQueries(ctx.db, 'home'),
  ]);
  const [summary, overdueAgencies] = call
    ? await Promise.all([obligationSummary(ctx.db, call.id), complianceRows(ctx.db, call.id, { page: { limit: LIST_LIMIT, offset: 0 } })])
    : [null, []];
  return { totals, counties, tags, call, plans, reports, resolutionCounts, overdue, participation, needIndex, summary, overdueAgencies };
}

export async function loadDashboard(ctx: AppContext): Promise<DashboardView> {
  const now = ctx.clock.now();
  const today = tehranDate(now);
  const q = await dashboardQueries(ctx, now);
  const { totals, counties, tags, call, plans, reports, resolutionCounts, overdue, participation, summary, overdueAgencies } = q;
  const needIndex = computeNeedIndexData('home', q.needIndex);

  // ---- budget
  const countyFunded = counties.reduce((s, c) => s + c.fundedRials, 0);
  const withoutCounty = Math.max(0, totals.fundedRials - countyFunded);
  const tagChart = (kind: 'harm' | 'target') =>
    tags.filter((r) => r.kind === kind).map((r) => ({ label: label(`${kind}.${r.code}`, r.code), value: r.fundedRials }));

  // ---- timeliness
  const tally = tallyTimeliness(plans, reports, today);
  const shown = tally.periods.slice(-QUARTERS_SHOWN);
  const timelinessRows: TimelinessRowView[] = shown.map((p) => {
    const parsed = parsePeriod(p.period);
    const total = p.onTime + p.late + p.missing;
    return {
      period: parsed ? periodLabel(parsed) : toPersianDigits(p.period),
      onTime: formatNumber(p.onTime), late: formatNumber(p.late), missing: formatNumber(p.missing),
      onTimeShare: pct(p.onTime, total),
      onTimeValue: p.onTime, notOnTimeValue: p.late + p.missing,
    };
  });
  const totalDue = tally.periods.reduce((s, p) => s + p.onTime + p.late + p.missing, 0);
  const totalOnTime = tally.periods.reduce((s, p) => s + p.onTime, 0);
  const totalMissing = tally.periods.reduce((s, p) => s + p.missing, 0);

  const count = (n: number) => formatNumber(n);
  const p = participation;
  return {
    generatedAt: formatJalaliDateTime(now),
    recentDays: formatNumber(RECENT_DAYS),
    budget: {
      stats: [
        { label: t('dashboard.budget.stat.plans'), value: count(totals.plans) },
        { label: t('dashboard.budget.stat.funded'), value: rials(totals.fundedRials) },
        { label: t('dashboard.budget.stat.spent'), value: rials(totals.spentRials) },
        { label: t('dashboard.budget.stat.spent_share'), value: pct(totals.spentRials, totals.fundedRials) },
        { label: t('dashboard.budget.stat.reached'), value: count(totals.beneficiaries) },
      ],
      byCounty: counties.map((c) => ({ label: toPersianDigits(c.name), value: c.fundedRials, href: `/places/${c.countyId}` })),
      spentByCounty: counties.map((c) => c.spentRials),
      byHarm: tagChart('harm'),
      byTarget: tagChart('target'),
      withoutCounty: withoutCounty > 0 ? t('dashboard.budget.without_county', { amount: rials(withoutCounty) }) : null,
    },
    compliance: {
      call: call
        ? {
            title: toPersianDigits(call.title),
            href: `/admin/calls/${call.id}/compliance`,
            status: label(`callStatus.${call.status}`, call.status),
            deadline: formatJalaliDate(Date.parse(call.deadlineAt) - 1),
          }
        : null,
      stats: summary
        ? [
            { label: t('compliance.stat.overdue'), value: count(summary.overdue.agencies) },
            { label: t('compliance.stat.invited'), value: count(summary.invited.agencies) },
            { label: t('compliance.stat.submitted'), value: count(summary.submitted.agencies) },
            { label: t('compliance.stat.exempted'), value: count(summary.exempted.agencies) },
          ]
        : [],
      chart: summary
        ? (['overdue', 'invited', 'submitted', 'exempted'] as const).map((s) => ({ label: t(`obligation.${s}`), value: summary[s].agencies }))
        : [],
      overdueAgencies: call
        ? sortCompliance(overdueAgencies.filter((r) => r.status === 'overdue').map((r) => complianceLine(r, call.deadlineAt, now))).map((l) => ({
            name: toPersianDigits(l.agencyName), credit: rials(l.creditRials), days: l.daysText, reminder: l.lastReminderText,
          }))
        : [],
      lateReporters: tally.agencies.slice(0, LIST_LIMIT).map((a) => ({ name: toPersianDigits(a.agencyName), missing: count(a.missing), late: count(a.late) })),
    },
    resolutions: {
      stats: [
        { label: t('dashboard.resolutions.stat.overdue'), value: count(resolutionCounts.overdue) },
        { label: t('dashboard.resolutions.stat.active'), value: count(resolutionCounts.open + resolutionCounts.in_progress) },
        { label: t('dashboard.resolutions.stat.done'), value: count(resolutionCounts.done) },
      ],
      overdue: overdue.map((r) => ({
        href: `/admin/resolutions/${r.id}`,
        label: t('resolutions.number', { number: r.number }),
        text: toPersianDigits(r.text.length > 140 ? `${r.text.slice(0, 139)}…` : r.text),
        agency: toPersianDigits(r.agency_name),
        deadline: deadlineLabel(r.deadline_at),
        remaining: remainingLabel(r.deadline_at, now),
      })),
      moreHref: resolutionCounts.overdue > overdue.length ? '/admin/resolutions?status=overdue' : null,
    },
    timeliness: {
      stats: [
        { label: t('dashboard.timeliness.stat.due'), value: count(totalDue) },
        { label: t('dashboard.timeliness.stat.on_time'), value: pct(totalOnTime, totalDue) },
        { label: t('dashboard.timeliness.stat.missing'), value: count(totalMissing) },
      ],
      rows: timelinessRows,
    },
    participation: {
      rows: [
        { label: t('dashboard.participation.needs'), recent: count(p.needsRecent), all: count(p.needs) },
        { label: t('dashboard.participation.need_supports'), recent: count(p.needSupportsRecent), all: count(p.needSupports) },
        { label: t('dashboard.participation.plan_supports'), recent: count(p.planSupportsRecent), all: count(p.planSupports) },
        { label: t('dashboard.participation.ballots'), recent: count(p.ballotsRecent), all: count(p.ballots) },
        { label: t('dashboard.participation.verified'), recent: count(p.verifiedRecent), all: count(p.verified) },
        { label: t('dashboard.participation.comments'), recent: count(p.commentsRecent), all: count(p.comments) },
        { label: t('dashboard.participation.published'), recent: count(p.publishedRecent), all: count(p.published) },
        { label: t('dashboard.participation.rejected'), recent: count(p.rejectedRecent), all: count(p.rejected) },
        { label: t('dashboard.participation.pending'), recent: count(p.pendingRecent), all: count(p.pending) },
      ],
      queue: count(p.queue),
    },
    needIndex: {
      top: needIndex.ranked.filter((r) => r.score !== null).slice(0, TOP_PLACES).map((r) => ({
        rank: formatNumber(r.rank ?? 0),
        name: toPersianDigits(r.name),
        href: `/places/${r.id}`,
        demo: needIndex.demoIds.has(r.id),
        county: needIndex.countyOf.has(r.id) ? toPersianDigits(needIndex.countyOf.get(r.id)!) : '',
        score: scoreText(r.score),
        coverage: coverageText(r),
        plans: formatNumber(needIndex.reach.get(r.id)?.plans ?? 0),
      })),
      shareSentence: shareSentence(needIndex),
      shareChart: shareChart(needIndex),
      unreached: formatNumber(needIndex.summary.unreached.length),
    },
  };
}
