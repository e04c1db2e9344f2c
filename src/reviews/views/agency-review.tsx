import { t } from '../../platform/i18n/t.ts';
import type { AgencyReviewView } from '../agency-view.ts';
import { AggregateTables, DeterminationList, ReviewComments } from './review-parts.tsx';

/** «نتیجهٔ داوری» on the agency's plan page: scores and comments without reviewers' names, and the determinations. */
export function AgencyReviewSection({ view }: { view: AgencyReviewView }) {
  return (
    <section aria-labelledby="review-result-title">
      <h2 id="review-result-title">{t('reviewPage.agency.title')}</h2>
      <DeterminationList items={view.determinations} />
      {view.aggregate && (
        <>
          <p>{t('reviewPage.agency.lead')}</p>
          <AggregateTables view={view.aggregate} staff={false} />
          <ReviewComments view={view.aggregate} nested />
        </>
      )}
    </section>
  );
}
