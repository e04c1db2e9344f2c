/** The secretariat's screening checklist: every item must be confirmed to accept a plan for review. */
export const screeningChecklist = ['in_remit', 'target_group_clear', 'places_eligible', 'budget_consistent', 'no_duplication'] as const;
export type ScreeningItem = (typeof screeningChecklist)[number];
