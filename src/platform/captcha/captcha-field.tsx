import { t } from '../i18n/t.ts';
import type { CaptchaChallenge, CaptchaFailure } from './captcha.ts';

/** The Persian message for a refused captcha, for CaptchaField's error and the form's error summary. */
export function captchaErrorMessage(reason: CaptchaFailure): string {
  return t(`captcha.error.${reason}`);
}

/**
 * The captcha inside a form: the arithmetic question works without JavaScript; with it,
 * /static/js/captcha.js (include it on the page with defer) solves the proof of work from
 * data-altcha-challenge, fills the hidden `altcha` field and hides the question.
 * The answer input's id defaults to its name, as TextField's does, so ErrorSummary's
 * `#captcha_answer` link reaches it; pass another id when a page has two captchas.
 */
export function CaptchaField({ challenge, error, id = 'captcha_answer' }: { challenge: CaptchaChallenge; error?: string; id?: string }) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <fieldset class="captcha" data-altcha-challenge={JSON.stringify(challenge.altcha)}>
      <legend>{t('captcha.legend')}</legend>
      <div
        class="captcha-status"
        role="status"
        aria-live="polite"
        data-captcha-status=""
        data-text-working={t('captcha.status.working')}
        data-text-done={t('captcha.status.done')}
        data-text-failed={t('captcha.status.failed')}
      />
      <input type="hidden" name="altcha" value="" />
      <input type="hidden" name="captcha_token" value={challenge.question.token} />
      <div class={`field captcha-question${error ? ' field-invalid' : ''}`} data-captcha-question="">
        <label for={id}>{challenge.question.text}</label>
        <p class="hint" id={hintId}>
          {t('captcha.hint')}
        </p>
        {error && (
          <p class="field-error" id={errorId}>
            {error}
          </p>
        )}
        <input
          {...({
            id,
            name: 'captcha_answer',
            type: 'text',
            value: '',
            required: true,
            inputMode: 'numeric',
            autocomplete: 'off',
            maxLength: 8,
            'aria-invalid': error ? 'true' : undefined,
            'aria-describedby': error ? `${hintId} ${errorId}` : hintId,
          } as Record<string, unknown>)}
        />
      </div>
    </fieldset>
  );
}
