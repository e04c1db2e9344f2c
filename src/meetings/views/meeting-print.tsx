import { t } from '../../platform/i18n/t.ts';
import { Table } from '../../platform/views/components.tsx';
import { PrintDocument } from '../../platform/views/print-document.tsx';
import type { PrintView } from '../load-meeting-pages.ts';
import { Markdown, ResolutionTable } from './meeting-parts.tsx';

/**
 * /admin/meetings/:id/print: the minutes as a document to print and sign — no navigation, header
 * or footer; the «چاپ» button (script /static/js/print.js) and the back link are hidden on paper.
 */
export function MeetingPrintPage({ view }: { view: PrintView }) {
  const title = t('meetings.print.heading', { title: view.title });
  return (
    <PrintDocument title={title} head={<script src="/static/js/print.js" defer />} mainClass="minutes-sheet">
      <p class="button-row no-print">
        <button type="button" class="button" id="print-now">{t('meetings.print.button')}</button>
        <a class="button button-secondary" href={view.backHref}>{t('meetings.print.back')}</a>
      </p>
      <p class="meta no-print">{t('meetings.print.hint')}</p>
      <h1>{title}</h1>
      <dl class="kv">
        {view.facts.map((f) => (
          <div><dt>{f.label}</dt><dd>{f.value}</dd></div>
        ))}
      </dl>

      <h2>{t('meetings.attendance.title')}</h2>
      <p><strong>{t('meetings.print.present')}</strong> {view.present.length ? view.present.join('، ') : '—'}</p>
      {view.absent.length > 0 && <p><strong>{t('meetings.print.absent')}</strong> {view.absent.join('، ')}</p>}
      {view.agencies.length > 0 && (
        <Table
          caption={t('meetings.agencies.title')}
          rows={view.agencies}
          columns={[
            { header: t('meetings.agencies.agency'), cell: (a) => a.name },
            { header: t('meetings.agencies.representative'), cell: (a) => <bdi>{a.representative}</bdi> },
            { header: t('meetings.attendance.col'), cell: (a) => a.attended },
          ]}
        />
      )}

      <h2>{t('meetings.agenda.title')}</h2>
      {view.agenda.length ? (
        <ol>{view.agenda.map((a) => <li>{a.title} <span class="meta">({a.kind})</span></li>)}</ol>
      ) : (
        <p>—</p>
      )}

      <h2>{t('meetings.minutes.title')}</h2>
      {view.minutesHtml ? <Markdown html={view.minutesHtml} /> : <p>—</p>}

      {view.determinations.length > 0 && (
        <>
          <h2>{t('meetings.determinations.title')}</h2>
          <ul>{view.determinations.map((d) => <li>{d.plan}: {d.outcome}</li>)}</ul>
        </>
      )}

      <h2>{t('meetings.resolutions.title')}</h2>
      <ResolutionTable rows={view.resolutions} caption={t('meetings.resolutions.title')} />

      <h2>{t('meetings.print.signatures')}</h2>
      <ul class="signatures">
        {view.signatures.map((s) => (
          <li>
            <strong>{s.name}</strong>
            {s.role && <span class="meta">{s.role}</span>}
          </li>
        ))}
      </ul>
      <p class="meta">{t('meetings.print.generated', { at: view.generated })}</p>
    </PrintDocument>
  );
}
