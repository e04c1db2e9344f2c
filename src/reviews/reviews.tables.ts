import type { Generated } from 'kysely';

export const assignmentStatuses = ['assigned', 'declined', 'in_progress', 'submitted'] as const;
export type AssignmentStatus = (typeof assignmentStatuses)[number];
export const recommendations = ['yes', 'maybe', 'no'] as const;
export type Recommendation = (typeof recommendations)[number];
export const determinationOutcomes = ['approved', 'rejected', 'returned'] as const;
export type DeterminationOutcome = (typeof determinationOutcomes)[number];
export const reviewerKinds = ['academic', 'council_staff'] as const;
export type ReviewerKind = (typeof reviewerKinds)[number];

export interface CallReviewSettingsTable {
  call_id: number;
  rubric: string;
  three_reviewers_above_rials: number;
  updated_by: number | null;
  updated_at: string;
}

export interface ReviewerProfilesTable {
  user_id: number;
  kind: ReviewerKind;
  university: string | null;
  faculty: string | null;
  field: string | null;
  conflict_agency_ids: Generated<string>;
  updated_at: string;
}

export interface ReviewAssignmentsTable {
  id: Generated<number>;
  plan_id: number;
  reviewer_id: number;
  status: AssignmentStatus;
  due_at: string;
  assigned_by: number | null;
  assigned_at: string;
  responded_at: string | null;
  decline_reason: string | null;
  conflict_declared: Generated<0 | 1>;
  reminded_at: string | null;
  overdue_notified_at: string | null;
}

export interface ReviewsTable {
  assignment_id: number;
  plan_id: number;
  reviewer_id: number;
  scores: Generated<string>;
  recommendation: Recommendation | null;
  comment: string | null;
  is_draft: Generated<0 | 1>;
  plan_version: number;
  submitted_at: string | null;
  updated_at: string;
}

export interface DeterminationsTable {
  id: Generated<number>;
  plan_id: number;
  outcome: DeterminationOutcome;
  reasons: string;
  score_snapshot: Generated<string>;
  meeting_id: number | null;
  decided_by: number | null;
  decided_at: string;
}

export interface ReviewsTables {
  call_review_settings: CallReviewSettingsTable;
  reviewer_profiles: ReviewerProfilesTable;
  review_assignments: ReviewAssignmentsTable;
  reviews: ReviewsTable;
  determinations: DeterminationsTable;
}
