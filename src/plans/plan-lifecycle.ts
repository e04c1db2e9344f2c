/** Plan states, exactly as DESIGN.md names them (decided splits into approved and rejected). */
export const planStatuses = [
  'draft',
  'submitted',
  'screening',
  'returned',
  'in_review',
  'approved',
  'rejected',
  'funded',
  'in_progress',
  'completed',
  'withdrawn',
] as const;
export type PlanStatus = (typeof planStatuses)[number];

/** Every transition, from which states, to which state, and who performs it. */
export const planTransitions = {
  submit: { from: ['draft', 'returned'], to: 'submitted', by: 'agency' },
  start_screening: { from: ['submitted'], to: 'screening', by: 'secretariat' },
  pass_screening: { from: ['screening'], to: 'in_review', by: 'secretariat' },
  return: { from: ['screening', 'in_review', 'approved', 'rejected'], to: 'returned', by: 'secretariat' },
  withdraw: { from: ['draft', 'submitted', 'screening', 'returned', 'in_review'], to: 'withdrawn', by: 'agency' },
  approve: { from: ['in_review'], to: 'approved', by: 'secretariat' },
  reject: { from: ['in_review', 'screening'], to: 'rejected', by: 'secretariat' },
  fund: { from: ['approved'], to: 'funded', by: 'secretariat' },
  start: { from: ['funded'], to: 'in_progress', by: 'agency' },
  complete: { from: ['in_progress'], to: 'completed', by: 'secretariat' },
} as const satisfies Record<string, { from: readonly PlanStatus[]; to: PlanStatus; by: 'agency' | 'secretariat' }>;

export type PlanAction = keyof typeof planTransitions;

/** The state an action leads to, or null when the action is not allowed from this state. */
export function nextPlanStatus(status: PlanStatus, action: PlanAction): PlanStatus | null {
  const rule = planTransitions[action];
  return (rule.from as readonly PlanStatus[]).includes(status) ? rule.to : null;
}

/** States in which the agency may still edit the plan. */
export const editableStatuses: readonly PlanStatus[] = ['draft', 'returned'];

/** States a citizen can see: screening has been passed. */
export const publicStatuses: readonly PlanStatus[] = ['in_review', 'approved', 'rejected', 'funded', 'in_progress', 'completed'];

/** States that count against an agency's credit in a call. */
export const committedStatuses: readonly PlanStatus[] = ['submitted', 'screening', 'in_review', 'approved', 'funded', 'in_progress', 'completed'];
