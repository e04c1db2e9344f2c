import { publicStatuses, type PlanStatus } from '../plans/plan-lifecycle.ts';
import type { Role } from './roles.ts';

/** The signed-in person as business rules see them. */
export type Actor = { id: number; roles: readonly Role[]; /** Agencies this person is an officer of. */ agencyIds?: readonly number[] };

/** A plan as permission rules see it. */
export type PlanSubject = { agencyId: number; status: PlanStatus };
/** Anything that belongs to one agency. */
export type AgencySubject = { agencyId: number };
/** A review assignment as permission rules see it. */
export type ReviewSubject = { reviewerId: number };
/** A comment as permission rules see it. */
export type CommentSubject = { authorId: number };
/** A resident's need as permission rules see it. */
export type NeedSubject = { authorId: number };

const SIGNED_IN = 'signed_in' as const;

const hasRole = (actor: Actor, ...roles: Role[]) => actor.roles.some((r) => roles.includes(r));
const officerOf = (actor: Actor, agencyId: number) => hasRole(actor, 'agency_officer') && (actor.agencyIds ?? []).includes(agencyId);
/** Staff who read every plan, whatever its state, to run or oversee the programme. */
const programmeStaff = (actor: Actor) => hasRole(actor, 'secretary', 'council_member', 'admin');

/**
 * The one permission table. An action names the roles that may do it, SIGNED_IN for anyone
 * signed in, or a rule over the actor and the subject (an agency's plans belong to its
 * officers). Services and route guards ask can(); nothing checks roles inline.
 */
const rules = {
  'profile.edit': SIGNED_IN,
  'notifications.read': SIGNED_IN,
  'admin.access': ['admin', 'secretary', 'council_member', 'moderator', 'editor'],
  'user.manage': ['admin'],
  'audit.read': ['admin', 'council_member'],
  'place.manage': ['admin'],
  'agency.manage': ['admin', 'secretary'],
  'call.manage': ['secretary', 'admin'],
  'compliance.read': ['secretary', 'council_member', 'admin'],
  'plan.screen': ['secretary'],
  /** Officers see their own agencies' plans area. */
  'plan.workspace': ['agency_officer'],
  'plan.create': (actor: Actor, s: AgencySubject) => officerOf(actor, s.agencyId),
  'plan.read': (actor: Actor, s: PlanSubject) =>
    publicStatuses.includes(s.status) || programmeStaff(actor) || officerOf(actor, s.agencyId),
  'plan.read_internal': (actor: Actor, s: PlanSubject) => programmeStaff(actor) || officerOf(actor, s.agencyId),
  'plan.edit': (actor: Actor, s: PlanSubject) => officerOf(actor, s.agencyId),
  'plan.submit': (actor: Actor, s: PlanSubject) => officerOf(actor, s.agencyId),
  'plan.withdraw': (actor: Actor, s: PlanSubject) => officerOf(actor, s.agencyId),
  /** Anyone signed in may back a plan (the operation checks their home), except its own agency's officers. */
  'plan.support': (actor: Actor, s: AgencySubject) => !officerOf(actor, s.agencyId),
  /** Anyone signed in may comment and report; a block (comment_blocks) is checked by the operation. */
  'comment.post': SIGNED_IN,
  'comment.report': (actor: Actor, s: CommentSubject) => actor.id !== s.authorId,
  'comment.edit': (actor: Actor, s: CommentSubject) => actor.id === s.authorId,
  'comment.delete': (actor: Actor, s: CommentSubject) => actor.id === s.authorId,
  'comment.moderate': ['moderator', 'admin'],
  /** Vetted staff accounts skip the newcomer pre-moderation (their comments are still moderated). */
  'comment.trusted': ['expert', 'agency_officer', 'secretary', 'council_member', 'moderator', 'admin', 'editor'],
  /** The secretariat assigns reviewers, sets rubrics and records determinations. */
  'review.manage': ['secretary', 'admin'],
  /** Programme staff read reviews with reviewers' names. */
  'review.read_all': ['secretary', 'council_member', 'admin'],
  /** People who can be asked to review have a review workspace. */
  'review.workspace': ['expert', 'council_member', 'secretary'],
  /** The secretariat runs, commits and publishes budget allocations. */
  'allocation.manage': ['secretary', 'admin'],
  /** The secretariat runs residents' ballot rounds: settings, opening, closing, counting, publishing. */
  'ballot.manage': ['secretary', 'admin'],
  /** Anyone signed in may try; the round's area and verification rule decide (ballots/eligibility.ts). */
  'ballot.cast': SIGNED_IN,
  /** The secretariat uploads census lists and verifies residents by hand. */
  'residency.manage': ['secretary', 'admin'],
  'residency.verify_self': SIGNED_IN,
  /** The secretariat records council meetings, their agendas, attendance, minutes and resolutions; council members read them. */
  'meeting.manage': ['secretary', 'admin'],
  'meeting.read': ['secretary', 'council_member', 'admin'],
  /** The secretariat follows resolutions up, changes their status and cancels them. */
  'resolution.manage': ['secretary', 'admin'],
  /** The responsible agency's officers post progress on its resolutions. */
  'resolution.progress': (actor: Actor, s: AgencySubject) => officerOf(actor, s.agencyId),
  /** The news desk: editors and the secretariat write; only editors (and admins) publish. */
  'news.edit': ['editor', 'secretary', 'admin'],
  'news.publish': ['editor', 'admin'],
  /** Only the assigned reviewer answers and writes their review. */
  'review.write': (actor: Actor, s: ReviewSubject) => actor.id === s.reviewerId,
  /** Residents' needs: anyone signed in posts one; support is for others' needs, not one's own. */
  'need.post': SIGNED_IN,
  'need.support': (actor: Actor, s: NeedSubject) => actor.id !== s.authorId,
  /** The secretariat answers needs (acknowledged, addressed by plans, resolved, declined). */
  'need.manage': ['secretary', 'admin'],
  /** An agency's officers cite needs as evidence in their agency's plans. */
  'need.cite': (actor: Actor, s: AgencySubject) => officerOf(actor, s.agencyId),
  /** The secretariat keeps the indicator catalogue and imports indicator values. */
  'indicator.manage': ['secretary', 'admin'],
  /** Programme staff read the council dashboard, the need index and the targeting view. */
  'monitoring.read': ['secretary', 'council_member', 'admin'],
  /** The secretariat sets the need-index weights. */
  'monitoring.configure': ['secretary', 'admin'],
  /** An agency's officers draft and submit progress reports on its funded plans. */
  'report.file': (actor: Actor, s: AgencySubject) => officerOf(actor, s.agencyId),
  /** Programme staff and the agency's officers read a report before it is approved. */
  'report.read': (actor: Actor, s: AgencySubject) => programmeStaff(actor) || officerOf(actor, s.agencyId),
  /** The secretariat approves or returns submitted progress reports. */
  'report.review': ['secretary', 'admin'],
} as const;

type Rules = typeof rules;
export type Action = keyof Rules;
type SubjectOf<A extends Action> = Rules[A] extends (actor: Actor, s: infer S) => boolean ? S : undefined;
/** Actions decided by role alone (usable as route guards). */
export type RoleAction = { [A in Action]: SubjectOf<A> extends undefined ? A : never }[Action];
/** Actions that need the subject they act on. */
export type SubjectAction = Exclude<Action, RoleAction>;

/** Whether the actor may perform the action on the subject. Anonymous visitors may do nothing guarded. */
export function can<A extends RoleAction>(actor: Actor | null, action: A): boolean;
export function can<A extends SubjectAction>(actor: Actor | null, action: A, subject: SubjectOf<A>): boolean;
export function can(actor: Actor | null, action: Action, subject?: unknown): boolean {
  if (!actor) return false;
  const rule = rules[action] as typeof SIGNED_IN | readonly Role[] | ((a: Actor, s: unknown) => boolean);
  if (rule === SIGNED_IN) return true;
  if (typeof rule === 'function') return subject !== undefined && rule(actor, subject);
  return actor.roles.some((r) => rule.includes(r));
}

export const permissionTable: Readonly<Record<Action, unknown>> = rules;
