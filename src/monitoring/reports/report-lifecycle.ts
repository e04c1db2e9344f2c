import type { ProgressReportStatus } from '../monitoring.tables.ts';

/** Progress report states, exactly as DESIGN.md names them. */
export const reportStatuses = ['draft', 'submitted', 'approved', 'returned'] as const satisfies readonly ProgressReportStatus[];
export type ReportStatus = ProgressReportStatus;

/** Every transition: from which states, to which state, and who performs it. */
export const reportTransitions = {
  submit: { from: ['draft', 'returned'], to: 'submitted', by: 'agency' },
  approve: { from: ['submitted'], to: 'approved', by: 'secretariat' },
  return: { from: ['submitted'], to: 'returned', by: 'secretariat' },
} as const satisfies Record<string, { from: readonly ReportStatus[]; to: ReportStatus; by: 'agency' | 'secretariat' }>;

export type ReportAction = keyof typeof reportTransitions;

/** The state an action leads to, or null when it is not allowed from this state. */
export function nextReportStatus(status: ReportStatus, action: ReportAction): ReportStatus | null {
  const rule = reportTransitions[action];
  return (rule.from as readonly ReportStatus[]).includes(status) ? rule.to : null;
}

/** States in which the agency may still edit the report. */
export const editableReportStatuses: readonly ReportStatus[] = ['draft', 'returned'];
export const isEditableReport = (s: ReportStatus) => editableReportStatuses.includes(s);

/** A return must say what to fix. */
export function decisionNoteProblem(action: 'approve' | 'return', note: string): 'required' | 'too_long' | null {
  if (note.length > 2000) return 'too_long';
  if (action === 'return' && note.trim() === '') return 'required';
  return null;
}

/** Plan states in which reports are filed. */
export const reportingPlanStatuses = ['funded', 'in_progress', 'completed'] as const;
