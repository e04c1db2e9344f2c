/** Call states, exactly as DESIGN.md names them. */
export const callStatuses = ['draft', 'open', 'closed', 'reviewing', 'allocating', 'decided', 'archived'] as const;
export type CallStatus = (typeof callStatuses)[number];

/** What the secretariat can do to a call, and from which states. */
export const callTransitions = {
  open: { from: ['draft'], to: 'open' },
  close: { from: ['open'], to: 'closed' },
  start_review: { from: ['closed'], to: 'reviewing' },
  start_allocation: { from: ['reviewing'], to: 'allocating' },
  decide: { from: ['allocating'], to: 'decided' },
  archive: { from: ['decided'], to: 'archived' },
} as const satisfies Record<string, { from: readonly CallStatus[]; to: CallStatus }>;

export type CallAction = keyof typeof callTransitions;

export type CallFacts = { status: CallStatus; deadlineAt: string; budgetRials: number; invitedAgencies: number; now: Date };

/** Why an action is not allowed now (a message key), or null when it is. */
export function callActionBlocker(action: CallAction, f: CallFacts): CallBlocker | null {
  const rule = callTransitions[action];
  if (!(rule.from as readonly CallStatus[]).includes(f.status)) return 'wrong_state';
  if (action === 'open') {
    if (Date.parse(f.deadlineAt) <= f.now.getTime()) return 'deadline_passed';
    if (f.invitedAgencies === 0) return 'no_agencies';
    if (f.budgetRials <= 0) return 'no_budget';
  }
  if (action === 'close' && Date.parse(f.deadlineAt) > f.now.getTime()) return 'deadline_not_reached';
  return null;
}

export type CallBlocker = 'wrong_state' | 'deadline_passed' | 'no_agencies' | 'no_budget' | 'deadline_not_reached';

/** The actions open to the secretariat in this state, in the order a call moves. */
export function availableCallActions(status: CallStatus): CallAction[] {
  return (Object.keys(callTransitions) as CallAction[]).filter((a) => (callTransitions[a].from as readonly CallStatus[]).includes(status));
}

/** An agency's obligation in a call. */
export const obligationStatuses = ['invited', 'submitted', 'overdue', 'exempted'] as const;
export type ObligationStatus = (typeof obligationStatuses)[number];

/** The obligation after something happens: a submission always counts, even a late one. */
export function nextObligation(current: ObligationStatus, event: 'plan_submitted' | 'deadline_passed' | 'exempted' | 'exemption_lifted'): ObligationStatus {
  switch (event) {
    case 'plan_submitted':
      return current === 'exempted' ? 'exempted' : 'submitted';
    case 'deadline_passed':
      return current === 'invited' ? 'overdue' : current;
    case 'exempted':
      return current === 'submitted' ? 'submitted' : 'exempted';
    case 'exemption_lifted':
      return current === 'exempted' ? 'invited' : current;
  }
}
