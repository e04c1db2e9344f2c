import type { ComponentChildren } from 'preact';
import { t } from '../../../platform/i18n/t.ts';
import { Badge } from '../../../platform/views/components.tsx';
import type { FileView, ReportDetailsView, StatusKey } from '../load-report-pages.ts';

const tones: Record<StatusKey, 'demo' | 'info' | 'warn'> = { draft: 'info', submitted: 'info', approved: 'info', returned: 'warn', none: 'warn' };

export function StatusBadge({ status, label, late }: { status: StatusKey; label: string; late?: boolean }) {
  return (
    <>
      <span class={`report-status report-status-${status}`}>
        <Badge tone={tones[status]}>{label}</Badge>
      </span>
      {late && <> <Badge tone="warn">{t('reports.late')}</Badge></>}
    </>
  );
}

export function DemoBadge({ show }: { show: boolean }) {
  return show ? <> <Badge tone="demo">{t('reports.demo')}</Badge></> : null;
}

/** Label/value pairs as a definition list. */
export function Facts({ items, label }: { items: { label: string; value: string }[]; label?: string }) {
  return (
    <dl class="kv report-facts" aria-label={label}>
      {items.map((i) => (
        <div>
          <dt>{i.label}</dt>
          <dd>{i.value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function MoneyFigures({ items }: { items: { label: string; value: string }[] }) {
  return (
    <dl class="stats report-money">
      {items.map((s) => (
        <div>
          <dt>{s.label}</dt>
          <dd>{s.value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function FileList({ files }: { files: FileView[] }) {
  if (files.length === 0) return <p class="empty">{t('reports.files.none')}</p>;
  return (
    <ul class="report-files">
      {files.map((f) => (
        <li>
          <a href={f.href}>{f.name}</a> <span class="meta">({f.meta})</span>
        </li>
      ))}
    </ul>
  );
}

function DataTable({ caption, head, children }: { caption: string; head: string[]; children: ComponentChildren }) {
  return (
    <div class="table-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table class="report-table">
        <caption>{caption}</caption>
        <thead>
          <tr>{head.map((h) => <th scope="col">{h}</th>)}</tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** A report read-only, set against its plan: money, activities, people, indicators, texts, files and history. */
export function ReportDetails({ r }: { r: ReportDetailsView }) {
  return (
    <>
      <p class="meta">
        <StatusBadge status={r.status} label={r.statusLabel} /> <Badge tone={r.late ? 'warn' : 'info'}>{r.timelinessLabel}</Badge>
        <DemoBadge show={r.isDemo} />
      </p>
      {r.decisionNote && (
        <div class={`report-note report-note-${r.status}`}>
          <h2>{t('reports.decision_note')}</h2>
          <p>{r.decisionNote}</p>
        </div>
      )}
      <Facts items={r.facts} />
      <h2>{t('reports.section.money')}</h2>
      <MoneyFigures items={r.money} />
      <h2>{t('reports.section.activities')}</h2>
      {r.activities.length === 0 ? (
        <p class="empty">{t('reports.activities.none')}</p>
      ) : (
        <DataTable caption={t('reports.section.activities')} head={[t('reports.col.activity'), t('reports.col.status'), t('reports.col.percent'), t('reports.col.note')]}>
          {r.activities.map((a) => (
            <tr>
              <td>{a.name}</td>
              <td>{a.statusLabel}</td>
              <td class="num">{a.percent}</td>
              <td>{a.note}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <h2>{t('reports.section.beneficiaries')}</h2>
      <DataTable
        caption={t('reports.beneficiaries.caption', { planned: r.beneficiariesTotal.planned, reached: r.beneficiariesTotal.reached })}
        head={[t('reports.col.group'), t('reports.col.planned'), t('reports.col.female'), t('reports.col.male'), t('reports.col.reached'), t('reports.col.ages')]}
      >
        {r.beneficiaries.map((b) => (
          <tr>
            <td>{b.group}</td>
            <td class="num">{b.planned}</td>
            <td class="num">{b.female}</td>
            <td class="num">{b.male}</td>
            <td class="num">{b.reached}</td>
            <td>{b.ages}</td>
          </tr>
        ))}
      </DataTable>
      <h2>{t('reports.section.indicators')}</h2>
      {r.indicators.length === 0 ? (
        <p class="empty">{t('reports.indicators.none')}</p>
      ) : (
        <DataTable
          caption={t('reports.section.indicators')}
          head={[t('reports.col.indicator'), t('reports.col.level'), t('reports.col.baseline'), t('reports.col.target'), t('reports.col.actual'), t('reports.col.change'), t('reports.col.note')]}
        >
          {r.indicators.map((i) => (
            <tr>
              <td>
                {i.statement} {i.unit && <span class="meta">({i.unit})</span>}
              </td>
              <td>{i.level}</td>
              <td class="num">{i.baseline}</td>
              <td class="num">{i.target}</td>
              <td class="num">{i.actual}</td>
              <td class="num"><bdi>{i.change}</bdi></td>
              <td>{i.note}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {r.texts.map((x) => (
        <section class="report-text">
          <h2>{x.label}</h2>
          {x.value ? <p>{x.value}</p> : <p class="empty">{t('reports.value.none')}</p>}
        </section>
      ))}
      <h2>{t('reports.section.files')}</h2>
      <FileList files={r.files} />
      <h2>{t('reports.section.history')}</h2>
      <ol class="timeline">
        {r.history.map((h) => (
          <li>
            <p class="meta">
              <time>{h.at}</time> — <bdi>{h.actor}</bdi>
            </p>
            <p>{h.label}</p>
            {h.message && <p class="report-history-note">{h.message}</p>}
          </li>
        ))}
      </ol>
    </>
  );
}
