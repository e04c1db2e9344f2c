import type { ComponentChildren } from 'preact';
import { t } from '../i18n/t.ts';
import { toPersianDigits } from '../persian/digits.ts';
import type { Crumb, Flash } from './page-context.ts';

export function Breadcrumbs({ items }: { items: Crumb[] }) {
  return (
    <nav aria-label={t('nav.breadcrumbs')} class="breadcrumbs">
      <ol>
        {items.map((c, i) => (
          <li key={i}>
            {c.href && i < items.length - 1 ? <a href={c.href}>{c.label}</a> : <span aria-current="page">{c.label}</span>}
          </li>
        ))}
      </ol>
    </nav>
  );
}

export function FlashMessage({ flash }: { flash: Flash }) {
  return (
    <div class={`flash flash-${flash.kind}`} role={flash.kind === 'error' ? 'alert' : 'status'}>
      {flash.text}
    </div>
  );
}

export type FieldErrors = Partial<Record<string, string>>;

type FieldBase = {
  name: string;
  label: string;
  error?: string;
  hint?: string;
  required?: boolean;
  /** Forms whose completeness is judged elsewhere (the plan gate) leave out the «اختیاری» mark. */
  hideOptional?: boolean;
};

function describedBy(name: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function FieldFrame(props: FieldBase & { children: ComponentChildren }) {
  return (
    <div class={`field${props.error ? ' field-invalid' : ''}`}>
      <label for={props.name}>
        {props.label}
        {!props.required && !props.hideOptional && <span class="optional"> {t('form.optional')}</span>}
      </label>
      {props.hint && (
        <p class="hint" id={`${props.name}-hint`}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p class="field-error" id={`${props.name}-error`}>
          {props.error}
        </p>
      )}
      {props.children}
    </div>
  );
}

export function TextField(
  props: FieldBase & {
    value?: string;
    type?: 'text' | 'tel' | 'email' | 'password' | 'search';
    autocomplete?: string;
    inputMode?: 'numeric' | 'tel' | 'email' | 'text';
    dir?: 'ltr' | 'rtl' | 'auto';
    maxLength?: number;
    autofocus?: boolean;
  },
) {
  return (
    <FieldFrame {...props}>
      <input
        {...({
          id: props.name,
          name: props.name,
          type: props.type ?? 'text',
          value: props.type === 'password' ? undefined : props.value ?? '',
          required: props.required,
          autocomplete: props.autocomplete,
          inputMode: props.inputMode,
          dir: props.dir,
          maxLength: props.maxLength,
          autofocus: props.autofocus,
          'aria-invalid': props.error ? 'true' : undefined,
          'aria-describedby': describedBy(props.name, props.hint, props.error),
        } as Record<string, unknown>)}
      />
    </FieldFrame>
  );
}

export function TextAreaField(props: FieldBase & { value?: string; rows?: number; maxLength?: number }) {
  return (
    <FieldFrame {...props}>
      <textarea
        id={props.name}
        name={props.name}
        rows={props.rows ?? 5}
        maxLength={props.maxLength}
        required={props.required}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props.name, props.hint, props.error)}
      >
        {props.value ?? ''}
      </textarea>
    </FieldFrame>
  );
}

export type SelectOption = { value: string; label: string };
export type SelectGroup = { label: string; options: SelectOption[] };

export function SelectField(
  props: FieldBase & { value?: string; placeholder?: string; options?: SelectOption[]; groups?: SelectGroup[] },
) {
  const opt = (o: SelectOption) => (
    <option value={o.value} selected={o.value === props.value}>
      {o.label}
    </option>
  );
  return (
    <FieldFrame {...props}>
      <select
        id={props.name}
        name={props.name}
        required={props.required}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props.name, props.hint, props.error)}
      >
        {props.placeholder !== undefined && <option value="">{props.placeholder}</option>}
        {props.options?.map(opt)}
        {props.groups?.map((g) => <optgroup label={g.label}>{g.options.map(opt)}</optgroup>)}
      </select>
    </FieldFrame>
  );
}

export function CheckboxGroup(
  props: FieldBase & { values: readonly string[]; options: SelectOption[] },
) {
  return (
    <fieldset
      class={`field checkbox-group${props.error ? ' field-invalid' : ''}`}
      aria-describedby={describedBy(props.name, props.hint, props.error)}
    >
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

/** Lists every field error at the top of a form, linked to the field, as GOV.UK-style summaries do. */
export function ErrorSummary({ errors, labels }: { errors: FieldErrors; labels: Record<string, string> }) {
  const entries = Object.entries(errors).filter(([, v]) => v);
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabIndex={-1}>
      <p>{t('form.errors_summary', { count: entries.length })}</p>
      <ul>
        {entries.map(([name, message]) => (
          <li>
            <a href={`#${name}`}>
              {labels[name] ? `${labels[name]}: ` : ''}
              {message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

export type Column<Row> = { header: string; cell: (row: Row) => ComponentChildren; numeric?: boolean };

export function Table<Row>(props: { caption?: string; columns: Column<Row>[]; rows: Row[]; empty?: string }) {
  if (props.rows.length === 0) return <p class="empty">{props.empty ?? t('table.empty')}</p>;
  return (
    <div class="table-wrap" role="region" aria-label={props.caption} tabIndex={0}>
      <table>
        {props.caption && <caption>{props.caption}</caption>}
        <thead>
          <tr>
            {props.columns.map((c) => (
              <th scope="col" class={c.numeric ? 'num' : undefined}>{c.header}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr>
              {props.columns.map((c) => (
                <td class={c.numeric ? 'num' : undefined}>{c.cell(r)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export type PagerModel = { page: number; pages: number; hrefFor: (page: number) => string };

export function Pager({ pager }: { pager: PagerModel }) {
  if (pager.pages <= 1) return null;
  return (
    <nav class="pager" aria-label={t('pager.label')}>
      {pager.page > 1 ? <a href={pager.hrefFor(pager.page - 1)} rel="prev">{t('pager.prev')}</a> : <span />}
      <span>{t('pager.status', { page: pager.page, pages: pager.pages })}</span>
      {pager.page < pager.pages ? <a href={pager.hrefFor(pager.page + 1)} rel="next">{t('pager.next')}</a> : <span />}
    </nav>
  );
}

export function Badge({ children, tone }: { children: ComponentChildren; tone?: 'demo' | 'info' | 'warn' }) {
  return <span class={`badge badge-${tone ?? 'info'}`}>{children}</span>;
}

export function Num({ value }: { value: number | string }) {
  return <>{toPersianDigits(value)}</>;
}

export type Stat = { label: string; value: string };

/** Key figures as cards: a label and a large, already formatted value. */
export function StatList({ stats }: { stats: Stat[] }) {
  return (
    <dl class="stats">
      {stats.map((s) => (
        <div>
          <dt>{s.label}</dt>
          <dd>{s.value}</dd>
        </div>
      ))}
    </dl>
  );
}
