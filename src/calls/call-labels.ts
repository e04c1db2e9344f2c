import { t, type MessageKey } from '../platform/i18n/t.ts';
import type { CallAction, CallBlocker, CallStatus } from './call-lifecycle.ts';

// The message keys spelled out, so the catalogue check sees every one of them used.
const statusKeys = {
  draft: 'callStatus.draft',
  open: 'callStatus.open',
  closed: 'callStatus.closed',
  reviewing: 'callStatus.reviewing',
  allocating: 'callStatus.allocating',
  decided: 'callStatus.decided',
  archived: 'callStatus.archived',
} as const satisfies Record<CallStatus, MessageKey>;

const actionKeys = {
  open: ['callAction.open', 'callActionHint.open'],
  close: ['callAction.close', 'callActionHint.close'],
  start_review: ['callAction.start_review', 'callActionHint.start_review'],
  start_allocation: ['callAction.start_allocation', 'callActionHint.start_allocation'],
  decide: ['callAction.decide', 'callActionHint.decide'],
  archive: ['callAction.archive', 'callActionHint.archive'],
} as const satisfies Record<CallAction, readonly [MessageKey, MessageKey]>;

const blockerKeys = {
  wrong_state: 'callBlocker.wrong_state',
  deadline_passed: 'callBlocker.deadline_passed',
  no_agencies: 'callBlocker.no_agencies',
  no_budget: 'callBlocker.no_budget',
  deadline_not_reached: 'callBlocker.deadline_not_reached',
} as const satisfies Record<CallBlocker, MessageKey>;

/** A call's state in Persian, e.g. «باز». */
export const callStatusLabel = (s: CallStatus) => t(statusKeys[s]);
/** The button label of a lifecycle action. */
export const callActionLabel = (a: CallAction) => t(actionKeys[a][0]);
/** What a lifecycle action does, shown beside its button. */
export const callActionHint = (a: CallAction) => t(actionKeys[a][1]);
/** Why an action is not allowed now, in Persian. */
export const callBlockerText = (b: CallBlocker) => t(blockerKeys[b]);
