import { t } from '../platform/i18n/t.ts';
import { formatJalaliDate, formatJalaliDateTime } from '../platform/persian/jalali.ts';
import type { ObligationStatus } from './call-lifecycle.ts';
import type { ComplianceRow } from './calls.repo.ts';
import { daysUntil } from './deadline.ts';

export type LastReminder = { kind: '7d' | '1d' | 'overdue'; at: string };

/** One invited agency's standing in a call, as the compliance page, CSV and XLSX show it. */
export type ComplianceLine = {
  agencyId: number;
  agencyName: string;
  creditRials: number;
  plansSubmitted: number;
  status: ObligationStatus;
  statusLabel: string;
  exemptionReason: string | null;
  /** Days to the deadline while the agency still owes a plan (negative once late); null otherwise. */
  daysToDeadline: number | null;
  daysText: string;
  submittedOn: string;
  lastReminder: LastReminder | null;
  lastReminderText: string;
};

/** The latest reminder an agency was sent: 7 days before, 1 day before, or the overdue notice. */
export function lastReminderOf(o: Pick<ComplianceRow, 'reminded_7d_at' | 'reminded_1d_at' | 'overdue_at'>): LastReminder | null {
  const sent: LastReminder[] = [];
  if (o.reminded_7d_at) sent.push({ kind: '7d', at: o.reminded_7d_at });
  if (o.reminded_1d_at) sent.push({ kind: '1d', at: o.reminded_1d_at });
  if (o.overdue_at) sent.push({ kind: 'overdue', at: o.overdue_at });
  return sent.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))[0] ?? null;
}

export function daysText(days: number | null): string {
  if (days === null) return '—';
  if (days > 0) return t('compliance.days_left', { days });
  return t('compliance.days_late', { days: Math.max(1, -days) });
}

export function complianceLine(row: ComplianceRow, deadlineAt: string, now: Date): ComplianceLine {
  const owes = row.status === 'invited' || row.status === 'overdue';
  const days = owes ? daysUntil(deadlineAt, now) : null;
  const last = lastReminderOf(row);
  return {
    agencyId: row.agency_id,
    agencyName: row.agency_name,
    creditRials: row.credit_rials,
    plansSubmitted: row.plans_submitted,
    status: row.status,
    statusLabel: t(`obligation.${row.status}`),
    exemptionReason: row.exemption_reason,
    daysToDeadline: days,
    daysText: daysText(days),
    submittedOn: row.submitted_at ? formatJalaliDate(row.submitted_at) : '—',
    lastReminder: last,
    lastReminderText: last ? t(`compliance.reminder.${last.kind}`, { at: formatJalaliDateTime(last.at) }) : '—',
  };
}

/** Order for the council: overdue first, then invited, then submitted and exempted (the repository sorts the same way). */
export const complianceOrder: readonly ObligationStatus[] = ['overdue', 'invited', 'submitted', 'exempted'];

export function sortCompliance<T extends { status: ObligationStatus }>(lines: readonly T[]): T[] {
  return [...lines].sort((a, b) => complianceOrder.indexOf(a.status) - complianceOrder.indexOf(b.status));
}
