import type { PlanStatus } from './plan-lifecycle.ts';

/**
 * When residents may support a plan, or withdraw a support: while it is being reviewed
 * (in_review) and once approved while it waits for its funding (approved), the time in which the
 * reviewers, the council and the allocation still weigh it. When the plan is rejected, funded,
 * under way or completed, the decision has been made: the count is frozen as the record of what
 * the decision-makers saw, so withdrawing is closed too. States before screening, returned and
 * withdrawn plans are not public at all, and support for them does not exist (404).
 */
export const supportOpenStatuses: readonly PlanStatus[] = ['in_review', 'approved'];

export const isOpenForSupport = (status: PlanStatus): boolean => supportOpenStatuses.includes(status);
