import type { ComponentChildren } from 'preact';
import { t } from '../../platform/i18n/t.ts';
import { Badge, Table, type SelectOption } from '../../platform/views/components.tsx';
import type { AggregateView } from '../review-view.ts';

function describedBy(id: string, hint?: ComponentChildren, error?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/**
 * Radio buttons or checkboxes in a fieldset whose legend names the question; the fieldset carries
 * the id the error summary links to, and its hint and error describe it.
 */
export function ChoiceGroup(props: {
  type: 'radio' | 'checkbox';
  id: string;
  name: string;
  label: ComponentChildren;
  options: SelectOption[];
  values: readonly string[];
  hint?: ComponentChildren;
  error?: string;
  /** Lays the options out in a row (a score scale). */
  inline?: boolean;
}) {
  const options = props.options.map((o) => (
    <label class="checkbox">
      <input type={props.type} name={props.name} value={o.value} checked={props.values.includes(o.value)} />
      <span>{o.label}</span>
    </label>
  ));
  return (
    <fieldset class={`field${props.error ? ' field-invalid' : ''}`} id={props.id} tabIndex={-1} aria-describedby={describedBy(props.id, props.hint, props.error)}>
      <legend>{props.label}</legend>
      {props.hint && <div class="hint" id={`${props.id}-hint`}>{props.hint}</div>}
      {props.error && <p class="field-error" id={`${props.id}-error`}>{props.error}</p>}
      {props.inline ? <div class="scale">{options}</div> : options}
    </fieldset>
  );
}

/** Per-criterion scores and medians, block means against their threshold, the total and the flags (the spread and recommendations for staff only). */
export function AggregateTables({ view, staff }: { view: AggregateView; staff: boolean }) {
  return (
    <>
      <dl class="kv card">
        <div><dt>{t('reviewPage.total')}</dt><dd><strong>{view.total}</strong></dd></div>
        <div>
          <dt>{t('reviewPage.thresholds')}</dt>
          <dd>{view.passes ? view.thresholdNote : <Badge tone="warn">{view.thresholdNote}</Badge>}</dd>
        </div>
        {staff && view.spread !== null && (
          <div>
            <dt>{t('reviewPage.spread')}</dt>
            <dd>{view.spread}{view.spreadNote && <> <Badge tone="warn">{t('reviewPage.badge.discuss')}</Badge> {view.spreadNote}</>}</dd>
          </div>
        )}
        {staff && <div><dt>{t('reviewPage.recommendations')}</dt><dd>{view.recommendations}</dd></div>}
      </dl>
      {view.needsMoreInfo && <p><Badge tone="warn">{t('reviewPage.badge.more_info')}</Badge> {t('reviewPage.more_info_note')}</p>}
      <Table
        caption={t('reviewPage.blocks.caption')}
        rows={view.blocks}
        columns={[
          { header: t('reviewPage.blocks.col.block'), cell: (b) => b.label },
          { header: t('reviewPage.blocks.col.weight'), cell: (b) => b.weight, numeric: true },
          { header: t('reviewPage.blocks.col.mean'), cell: (b) => b.mean, numeric: true },
          { header: t('reviewPage.blocks.col.result'), cell: (b) => (b.passes ? b.result : <Badge tone="warn">{b.result}</Badge>) },
        ]}
      />
      <Table
        caption={t('reviewPage.aggregate.caption')}
        rows={view.criteria}
        columns={[
          { header: t('reviewPage.aggregate.criterion'), cell: (c) => <>{c.label} <span class="meta">({c.block})</span></> },
          ...view.reviewers.map((name, i) => ({ header: name, cell: (c: AggregateView['criteria'][number]) => c.scores[i] ?? '—', numeric: true })),
          { header: t('reviewPage.aggregate.median'), cell: (c) => <strong>{c.median}</strong>, numeric: true },
        ]}
      />
      <p class="meta">{t('reviewPage.aggregate.na_note')}</p>
    </>
  );
}

/** Each submitted review's recommendation and comments, under its reviewer's name or number. */
export function ReviewComments({ view, nested = false }: { view: AggregateView; nested?: boolean }) {
  const H = nested ? 'h3' : 'h2';
  const Sub = nested ? 'h4' : 'h3';
  return (
    <section aria-labelledby="review-comments-title">
      <H id="review-comments-title">{t('reviewPage.comments.title')}</H>
      {view.reviews.map((r) => (
        <article class="card">
          <Sub><bdi>{r.heading}</bdi></Sub>
          <p class="meta">{r.when}{r.recommendation && <>{' · '}{r.recommendation}</>}</p>
          {r.comment ? (
            <>
              <p><strong>{t('reviewPage.comments.overall')}</strong></p>
              <p>{r.comment}</p>
            </>
          ) : (
            !r.criteria.length && <p class="meta">{t('reviewPage.comments.none')}</p>
          )}
          {r.criteria.length > 0 && (
            <dl class="kv">
              {r.criteria.map((c) => (
                <div>
                  <dt>{c.label} ({t('reviewPage.score')}: {c.score})</dt>
                  <dd>{c.comment}</dd>
                </div>
              ))}
            </dl>
          )}
        </article>
      ))}
    </section>
  );
}

/** Determinations as a timeline: outcome and date, then the reasons the agency reads. */
export function DeterminationList({ items }: { items: readonly { heading: string; reasons: string }[] }) {
  return (
    <ul class="timeline">
      {items.map((d) => (
        <li>
          <p><strong>{d.heading}</strong></p>
          <blockquote>{d.reasons}</blockquote>
        </li>
      ))}
    </ul>
  );
}
