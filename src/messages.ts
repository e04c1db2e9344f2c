import { accountsMessages } from './accounts/messages.ts';
import { agenciesMessages } from './agencies/messages.ts';
import { callsMessages } from './calls/messages.ts';
import { commentsMessages } from './comments/messages.ts';
import { moderationReasonMessages } from './comments/moderation/reason-messages.ts';
import { moderationQueueMessages } from './comments/queue-messages.ts';
import { reviewsMessages } from './reviews/messages.ts';
import { reviewPageMessages } from './reviews/page-messages.ts';
import { allocationMessages } from './allocation/messages.ts';
import { allocationPageMessages } from './allocation/page-messages.ts';
import { homeMessages } from './home/messages.ts';
import { placesMessages } from './places/messages.ts';
import { plansMessages } from './plans/messages.ts';
import { planFormMessages } from './plans/form-messages.ts';
import { planPublicMessages } from './plans/public-messages.ts';
import { taxonomyMessages } from './taxonomy/messages.ts';
import { needsMessages } from './needs/messages.ts';
import { planSupportMessages } from './plans/support-messages.ts';
import { ballotsMessages } from './ballots/messages.ts';
import { ballotAdminMessages } from './ballots/admin-messages.ts';
import { residencyMessages } from './residency/messages.ts';
import { meetingsMessages } from './meetings/messages.ts';
import { resolutionsMessages } from './resolutions/messages.ts';
import { newsMessages } from './news/messages.ts';
import { monitoringMessages } from './monitoring/messages.ts';
import { indicatorsMessages } from './monitoring/indicators/messages.ts';
import { progressReportsMessages } from './monitoring/reports/messages.ts';
import { resultsMessages } from './monitoring/results/messages.ts';
import { dashboardMessages } from './monitoring/dashboard/messages.ts';
import { openDataMessages } from './opendata/messages.ts';
import { platformMessages } from './platform/i18n/fa.ts';

/**
 * The one typed catalogue of every user-facing string, in Persian, assembled from each module's
 * part so modules add messages without touching each other. Keys are checked by the type system
 * through t(); i18n.test.ts fails on a key that no code uses or that two modules both define.
 */
export const fa = {
  ...platformMessages,
  ...accountsMessages,
  ...homeMessages,
  ...placesMessages,
  ...taxonomyMessages,
  ...plansMessages,
  ...agenciesMessages,
  ...callsMessages,
  ...planFormMessages,
  ...planPublicMessages,
  ...commentsMessages,
  ...moderationQueueMessages,
  ...moderationReasonMessages,
  ...reviewsMessages,
  ...reviewPageMessages,
  ...allocationMessages,
  ...allocationPageMessages,
  ...needsMessages,
  ...planSupportMessages,
  ...ballotsMessages,
  ...ballotAdminMessages,
  ...residencyMessages,
  ...newsMessages,
  ...resolutionsMessages,
  ...meetingsMessages,
  ...monitoringMessages,
  ...indicatorsMessages,
  ...progressReportsMessages,
  ...resultsMessages,
  ...dashboardMessages,
  ...openDataMessages,
} as const;

export const catalogueParts = {
  platformMessages, accountsMessages, homeMessages, placesMessages, taxonomyMessages, plansMessages,
  agenciesMessages, callsMessages, planFormMessages, planPublicMessages, commentsMessages, moderationQueueMessages,
  moderationReasonMessages, reviewsMessages, reviewPageMessages, allocationMessages, allocationPageMessages,
  needsMessages, planSupportMessages, ballotsMessages, ballotAdminMessages, residencyMessages,
  meetingsMessages, resolutionsMessages, newsMessages, monitoringMessages, indicatorsMessages,
  progressReportsMessages, resultsMessages, dashboardMessages, openDataMessages,
} as const;

export type MessageKey = keyof typeof fa;
