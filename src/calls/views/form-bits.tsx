import { t } from '../../platform/i18n/t.ts';

/** A multi-line text field with the same label, hint and error markup as TextField. */
export function TextArea(props: { name: string; label: string; value: string; error?: string; hint?: string; required?: boolean; rows?: number; maxLength?: number }) {
  const describedBy = [props.hint ? `${props.name}-hint` : '', props.error ? `${props.name}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${props.error ? ' field-invalid' : ''}`}>
      <label for={props.name}>
        {props.label}
        {!props.required && <span class="optional"> {t('form.optional')}</span>}
      </label>
      {props.hint && <p class="hint" id={`${props.name}-hint`}>{props.hint}</p>}
      {props.error && <p class="field-error" id={`${props.name}-error`}>{props.error}</p>}
      <textarea
        id={props.name}
        name={props.name}
        rows={props.rows ?? 5}
        maxLength={props.maxLength}
        required={props.required}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy}
      >
        {props.value}
      </textarea>
    </div>
  );
}
