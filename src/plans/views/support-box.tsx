// Residents' support of a plan: the count with its geography (shared by the plan page and the
// reviewers' pages) and the plan page's box with the support or withdraw form.

import { t } from '../../platform/i18n/t.ts';
import { CsrfField } from '../../platform/views/components.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import type { SupportBarView, SupportBoxView, SupportSummaryView } from '../support-view.ts';

/** Bars without script or inline styles (the CSP forbids them): a <meter> per row, the numbers as text. */
function Bars({ id, title, rows, total }: { id: string; title: string; rows: SupportBarView[]; total: number }) {
  return (
    <>
      <h3 id={id}>{title}</h3>
      <ul class="support-bars" aria-labelledby={id}>
        {rows.map((r) => (
          <li>
            <span>{r.label}</span>
            <span class="meta">{r.text}</span>
            <meter min={0} max={total} value={r.count} aria-hidden="true" />
          </li>
        ))}
      </ul>
    </>
  );
}

/** The supporters by county and by neighborhood or village, or a line saying there are none yet. */
function SupportGeography({ view, idPrefix }: { view: SupportSummaryView; idPrefix: string }) {
  return view.geography ? (
    <>
      <Bars id={`${idPrefix}-counties`} title={t('planSupport.geo.by_county')} rows={view.geography.counties} total={view.geography.total} />
      <Bars id={`${idPrefix}-places`} title={t('planSupport.geo.by_place')} rows={view.geography.places} total={view.geography.total} />
    </>
  ) : (
    <p class="meta">{t('planSupport.none_yet')}</p>
  );
}

/** «حمایت ساکنان: N نفر» and the supporters by county and by neighborhood or village. */
export function SupportSummary({ view, idPrefix = 'support' }: { view: SupportSummaryView; idPrefix?: string }) {
  return (
    <>
      <p class="support-count">{view.countText}</p>
      <SupportGeography view={view} idPrefix={idPrefix} />
    </>
  );
}

/** The staff pages' section: the same summary under its own heading. */
export function SupportSection({ view }: { view: SupportSummaryView }) {
  return (
    <section class="card" aria-labelledby="support-title">
      <h2 id="support-title">{t('planSupport.title')}</h2>
      <SupportSummary view={view} />
    </section>
  );
}

/** The plan page's box: who may support, the count and geography, and this person's form or note. */
export function SupportBox({ page, view }: { page: PageContext; view: SupportBoxView }) {
  const a = view.action;
  return (
    <section id="support" class="card" aria-labelledby="support-title">
      <h2 id="support-title">{t('planSupport.title')}</h2>
      <p class="meta">{t('planSupport.lead')}</p>
      <p class="support-count">{view.summary.countText}</p>
      {view.note && <p>{view.note}</p>}
      {a?.kind === 'form' && (
        <form method="post" action={a.action}>
          <CsrfField token={page.csrfToken} />
          <button type="submit" class={a.secondary ? 'button button-secondary' : 'button'}>{a.label}</button>
        </form>
      )}
      {a?.kind === 'link' && (
        <p><a href={a.href} class="button button-secondary">{a.label}</a></p>
      )}
      <SupportGeography view={view.summary} idPrefix="support" />
    </section>
  );
}
