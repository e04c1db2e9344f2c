import type { ComponentChildren } from 'preact';
import { t } from '../../platform/i18n/t.ts';
import { Badge, ErrorSummary, TextAreaField as PlatformTextAreaField, type FieldErrors } from '../../platform/views/components.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import { cellName, type FormState, type RowSet } from '../form-steps.ts';
import type { FormFrameView, Option } from '../form-view.ts';

function describedBy(name: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/** A multi-line plan field: the platform's, without «اختیاری» marks (the gate judges completeness). */
export function TextAreaField(props: { name: string; label: string; value: string; error?: string; hint?: string; rows?: number; maxLength?: number }) {
  return <PlatformTextAreaField {...props} hideOptional />;
}

/** A yes/no choice as two radio buttons. */
export function RadioGroup(props: { name: string; label: string; value: string; options: Option[]; error?: string }) {
  return (
    <fieldset class={`field${props.error ? ' field-invalid' : ''}`} id={props.name} aria-describedby={props.error ? `${props.name}-error` : undefined}>
      <legend>{props.label}</legend>
      {props.error && <p class="field-error" id={`${props.name}-error`}>{props.error}</p>}
      {props.options.map((o) => (
        <label class="checkbox">
          <input type="radio" name={props.name} value={o.value} checked={props.value === o.value} />
          <span>{o.label}</span>
        </label>
      ))}
    </fieldset>
  );
}

/** Checkboxes with an id on the fieldset, so error links and gate links land on the group. */
export function Checkboxes(props: { name: string; label: string; values: readonly string[]; options: Option[]; error?: string; hint?: string }) {
  return (
    <fieldset class={`field checkbox-group${props.error ? ' field-invalid' : ''}`} id={props.name} aria-describedby={describedBy(props.name, props.hint, props.error)}>
      <legend>{props.label}</legend>
      {props.hint && <p class="hint" id={`${props.name}-hint`}>{props.hint}</p>}
      {props.error && <p class="field-error" id={`${props.name}-error`}>{props.error}</p>}
      {props.options.map((o) => (
        <label class="checkbox">
          <input type="checkbox" name={props.name} value={o.value} checked={props.values.includes(o.value)} />
          <span>{o.label}</span>
        </label>
      ))}
    </fieldset>
  );
}

export type RowColumn = {
  cell: string;
  header: string;
  kind?: 'text' | 'number' | 'date' | 'select';
  options?: Option[];
  /** A select's empty first option. */
  placeholder?: string;
  maxLength?: number;
};

/**
 * Rows of inputs in a table: the filled rows then empty ones, every input labelled «row n: column»;
 * a computed column (such as a budget line's total) is shown, not typed.
 */
export function RowTable(props: {
  set: RowSet;
  legend: string;
  hint?: string;
  columns: RowColumn[];
  state: FormState;
  errors: FieldErrors;
  computed?: { header: string; values: string[] };
}) {
  const count = props.state.rows[props.set] ?? 0;
  const setError = props.errors[props.set];
  return (
    <fieldset class={`field row-set${setError ? ' field-invalid' : ''}`} id={props.set}>
      <legend>{props.legend}</legend>
      {props.hint && <p class="hint">{props.hint}</p>}
      {setError && <p class="field-error">{setError}</p>}
      <div class="table-wrap">
        <table class="row-table">
          <thead>
            <tr>
              <th scope="col" class="num">#</th>
              {props.columns.map((c) => <th scope="col">{c.header}</th>)}
              {props.computed && <th scope="col" class="num">{props.computed.header}</th>}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: count }, (_, i) => (
              <tr>
                <td class="num">{t('planForm.row', { n: i + 1 })}</td>
                {props.columns.map((c) => {
                  const name = cellName(props.set, i, c.cell);
                  const error = props.errors[name];
                  const value = props.state.values[name] ?? '';
                  const label = t('planForm.row_cell', { n: i + 1, cell: c.header });
                  const common = {
                    id: name,
                    name,
                    'aria-label': label,
                    'aria-invalid': error ? 'true' : undefined,
                    'aria-describedby': error ? `${name}-error` : undefined,
                  };
                  return (
                    <td>
                      {c.kind === 'select' ? (
                        <select {...(common as Record<string, unknown>)}>
                          {c.placeholder !== undefined && <option value="">{c.placeholder}</option>}
                          {c.options?.map((o) => <option value={o.value} selected={o.value === value}>{o.label}</option>)}
                        </select>
                      ) : (
                        <input
                          {...(common as Record<string, unknown>)}
                          type="text"
                          value={value}
                          maxLength={c.maxLength}
                          inputMode={c.kind === 'number' ? 'decimal' : undefined}
                          placeholder={c.kind === 'date' ? '۱۴۰۵/۰۱/۱۵' : undefined}
                        />
                      )}
                      {error && <p class="field-error" id={`${name}-error`}>{error}</p>}
                    </td>
                  );
                })}
                {props.computed && <td class="num">{props.computed.values[i] ?? ''}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </fieldset>
  );
}

/** Every step's page: the returned-plan message, the step nav with incomplete marks, the gate's notes, then the step. */
export function PlanFormFrame(props: {
  page: PageContext;
  frame: FormFrameView;
  errors?: FieldErrors;
  errorLabels?: Record<string, string>;
  children: ComponentChildren;
}) {
  const f = props.frame;
  return (
    <Layout
      page={props.page}
      title={t('planForm.edit.title', { title: f.planTitle })}
      breadcrumbs={[
        { label: t('planForm.workspace.title'), href: '/my/plans' },
        { label: f.planTitle, href: f.overviewHref },
        { label: f.stepLabel },
      ]}
    >
      <h1>{t('planForm.edit.title', { title: f.planTitle })}</h1>
      {f.returnedMessage && (
        <div class="flash flash-info" role="status">
          <p>{t('planForm.returned_message')}</p>
          <p>{f.returnedMessage}</p>
        </div>
      )}
      {/* Styled like the breadcrumbs: a wrapped row of steps, which stays short on a phone. */}
      <nav class="breadcrumbs step-nav" aria-label={t('planForm.steps_label')}>
        <ol>
          {f.nav.map((s) => (
            <li>
              {s.current ? (
                <strong aria-current="step">{s.n}. {s.label}</strong>
              ) : (
                <a href={s.href}>{s.n}. {s.label}</a>
              )}
              {s.incomplete && <> <Badge tone="warn">{t('planForm.step_incomplete')}</Badge></>}
            </li>
          ))}
        </ol>
      </nav>
      <h2>
        <small class="meta">{f.stepOf}</small> {f.stepLabel}
      </h2>
      {props.errors && <ErrorSummary errors={props.errors} labels={props.errorLabels ?? {}} />}
      {f.gateNotes.length > 0 && (
        <div class="card">
          <p>{t('planForm.section_incomplete')}</p>
          <ul>{f.gateNotes.map((n) => <li>{n}</li>)}</ul>
        </div>
      )}
      {props.children}
    </Layout>
  );
}

/** The buttons under every step: save and go on (first, so Enter does that), save and stay, and more rows. */
export function StepButtons({ moreRows }: { moreRows: boolean }) {
  return (
    <p>
      <button type="submit" name="action" value="continue" class="button">{t('planForm.save_continue')}</button>
      <button type="submit" name="action" value="save" class="button button-secondary">{t('planForm.save')}</button>
      {moreRows && <button type="submit" name="action" value="more" class="button button-secondary">{t('planForm.more_rows')}</button>}
    </p>
  );
}
