// Needs as other pages show them: a neighborhood's page, an officer's plan page, a public plan page.

import { t } from '../../platform/i18n/t.ts';
import { Badge, CsrfField } from '../../platform/views/components.tsx';

export type PlaceParticipationView = {
  needs: { href: string; title: string; status: string; supports: string; isDemo: boolean }[];
  allNeedsHref: string;
  newNeedHref: string;
  plans: { href: string; title: string; status: string; agency: string; isDemo: boolean }[];
  results: { href: string; title: string; amount: string; resultsHref: string }[];
};

/** A neighborhood's or village's top needs, the public plans that cover it, and its published results. */
export function PlaceParticipationSection({ view }: { view: PlaceParticipationView }) {
  return (
    <>
      <section aria-labelledby="place-needs" class="card">
        <h2 id="place-needs">{t('needs.place.needs_title')}</h2>
        {view.needs.length ? (
          <ol class="need-rank">
            {view.needs.map((n) => (
              <li>
                <a href={n.href}>{n.title}</a> <span class="meta">({n.supports}، {n.status})</span>
                {n.isDemo && <> <Badge tone="demo">{t('places.demo_badge')}</Badge></>}
              </li>
            ))}
          </ol>
        ) : (
          <p class="meta">{t('needs.place.no_needs')}</p>
        )}
        <p>
          <a class="button button-small" href={view.newNeedHref}>{t('needs.list.new')}</a>
          {view.needs.length > 0 && <> <a href={view.allNeedsHref}>{t('needs.place.all_needs')}</a></>}
        </p>
      </section>
      <section aria-labelledby="place-plans" class="card">
        <h2 id="place-plans">{t('needs.place.plans_title')}</h2>
        {view.plans.length ? (
          <ul>
            {view.plans.map((p) => (
              <li>
                <a href={p.href}>{p.title}</a> <span class="meta">({p.agency}، {p.status})</span>
                {p.isDemo && <> <Badge tone="demo">{t('places.demo_badge')}</Badge></>}
              </li>
            ))}
          </ul>
        ) : (
          <p class="meta">{t('needs.place.no_plans')}</p>
        )}
        {view.results.length > 0 && (
          <>
            <h3>{t('needs.place.results_title')}</h3>
            <ul>
              {view.results.map((r) => (
                <li>
                  <a href={r.href}>{r.title}</a>: {t('needs.place.funded', { amount: r.amount })} <a href={r.resultsHref}>{t('needs.place.results_link')}</a>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </>
  );
}

export type NeedCitationView = {
  action: string;
  csrfToken: string;
  editable: boolean;
  items: { id: string; href: string; title: string; place: string; supports: string; status: string; cited: boolean }[];
  error: string | null;
};

/** /my/plans/:id: residents' needs of the plan's places, to cite as evidence while the plan is editable. */
export function NeedCitationSection({ view }: { view: NeedCitationView }) {
  return (
    <section id="needs" class="card" aria-labelledby="needs-title">
      <h2 id="needs-title">{t('needs.cite.title')}</h2>
      {view.error && <p class="field-error" role="alert">{view.error}</p>}
      {!view.editable ? (
        view.items.length ? (
          <ul>
            {view.items.map((n) => (
              <li><a href={n.href}>{n.title}</a> <span class="meta">({n.place}، {n.supports})</span></li>
            ))}
          </ul>
        ) : (
          <p class="meta">{t('needs.cite.none_cited')}</p>
        )
      ) : view.items.length === 0 ? (
        <p class="meta">{t('needs.cite.none_here')}</p>
      ) : (
        <form method="post" action={view.action}>
          <CsrfField token={view.csrfToken} />
          <fieldset class="field checkbox-group">
            <legend>{t('needs.cite.legend')}</legend>
            <p class="hint">{t('needs.cite.hint')}</p>
            {view.items.map((n) => (
              <label class="checkbox">
                <input type="checkbox" name="needs" value={n.id} checked={n.cited} />
                <span>
                  {n.title} <span class="meta">({n.place}، {n.supports}، {n.status})</span>
                </span>
              </label>
            ))}
          </fieldset>
          <button type="submit" class="button">{t('needs.cite.submit')}</button>
        </form>
      )}
    </section>
  );
}

export type CitedNeedView = { href: string; title: string; supports: string };

/** /plans/:id: the residents' needs the plan cites, most supported first. */
export function CitedNeedsSection({ needs }: { needs: CitedNeedView[] }) {
  if (needs.length === 0) return null;
  return (
    <section aria-labelledby="cited-needs" class="card">
      <h2 id="cited-needs">{t('needs.plan.cited_title')}</h2>
      <ul>
        {needs.map((n) => (
          <li><a href={n.href}>{n.title}</a> <span class="meta">({n.supports})</span></li>
        ))}
      </ul>
    </section>
  );
}
