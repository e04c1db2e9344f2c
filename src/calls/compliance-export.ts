import ExcelJS from 'exceljs';
import { t } from '../platform/i18n/t.ts';
import type { ComplianceLine } from './compliance.ts';

/** The columns of the council's compliance report, with Persian headers. */
const columns = () =>
  [
    { header: t('compliance.col.row'), key: 'row', width: 6 },
    { header: t('compliance.col.agency'), key: 'agency', width: 44 },
    { header: t('compliance.col.credit_rials'), key: 'credit', width: 22 },
    { header: t('compliance.col.plans'), key: 'plans', width: 14 },
    { header: t('compliance.col.status'), key: 'status', width: 14 },
    { header: t('compliance.col.exemption_reason'), key: 'reason', width: 40 },
    { header: t('compliance.col.days'), key: 'days', width: 16 },
    { header: t('compliance.col.submitted_on'), key: 'submitted', width: 16 },
    { header: t('compliance.col.last_reminder'), key: 'reminder', width: 30 },
  ] as const;

type Key = ReturnType<typeof columns>[number]['key'];

function record(line: ComplianceLine, index: number): Record<Key, string | number | null> {
  return {
    row: index + 1,
    agency: line.agencyName,
    credit: line.creditRials,
    plans: line.plansSubmitted,
    status: line.statusLabel,
    reason: line.exemptionReason,
    days: line.daysToDeadline,
    submitted: line.submittedOn === '—' ? null : line.submittedOn,
    reminder: line.lastReminder ? line.lastReminderText : null,
  };
}

// A cell starting with one of these is run as a formula by spreadsheet programs.
const FORMULA_START = /^[=+\-@\t\r]/;

function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The report as CSV: UTF-8 with a byte-order mark (so Excel reads the Persian), CRLF lines,
 * numbers in plain digits so they can be summed.
 */
export function complianceCsv(lines: readonly ComplianceLine[]): string {
  const cols = columns();
  const out = [cols.map((c) => csvCell(c.header)).join(',')];
  lines.forEach((line, i) => {
    const r = record(line, i);
    out.push(cols.map((c) => csvCell(r[c.key])).join(','));
  });
  return `\uFEFF${out.join('\r\n')}\r\n`;
}

/** The report as an XLSX workbook: one right-to-left sheet, bold headers, grouped rial amounts. */
export async function complianceXlsx(lines: readonly ComplianceLine[], sheetTitle: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = t('site.name');
  const sheet = workbook.addWorksheet(sheetTitle.replace(/[\\/*?:[\]]/g, ' ').slice(0, 31) || t('compliance.title'), {
    views: [{ rightToLeft: true, state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = columns().map((c) => ({ header: c.header, key: c.key, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  sheet.getColumn('credit').numFmt = '#,##0';
  lines.forEach((line, i) => sheet.addRow(record(line, i)));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
