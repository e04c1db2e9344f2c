// Persian explanations attached to reasons. Rejected comments show them to the author (with the
// text kept in the form); held ones show them to the moderator and, softened, to the author.
// The texts live in the message catalogue (reason-messages.ts); these functions fill them in.

import { hasMessage, t } from '../../platform/i18n/t.ts';

/** Persian name of a language detected by eld, when the catalogue has one. */
export function languageName(code: string | undefined): string | undefined {
  const key = `language.${code ?? ''}`;
  return code && hasMessage(key) ? t(key) : undefined;
}

export const messages = {
  tooShort: (min: number) => t('moderationReason.too_short', { min }),
  tooLong: (max: number, length: number) => t('moderationReason.too_long', { max, length }),
  get rateLimited() { return t('moderationReason.rate_limited'); },
  get captchaFailed() { return t('moderationReason.captcha_failed'); },
  get parentMissing() { return t('moderationReason.parent_missing'); },
  get parentOtherSubject() { return t('moderationReason.parent_other_subject'); },
  get parentRejected() { return t('moderationReason.parent_rejected'); },
  tooDeep: (max: number) => t('moderationReason.too_deep', { max }),
  notPersian: (language: string | undefined) =>
    language ? t('moderationReason.not_persian_named', { language }) : t('moderationReason.not_persian'),
  get languageUnsure() { return t('moderationReason.language_unsure'); },
  get finglish() { return t('moderationReason.finglish'); },
  get finglishUnsure() { return t('moderationReason.finglish_unsure'); },
  get bannedWord() { return t('moderationReason.banned_word'); },
  get insultWord() { return t('moderationReason.insult_word'); },
  get insultScore() { return t('moderationReason.insult_score'); },
  get defamation() { return t('moderationReason.defamation'); },
  get offTopic() { return t('moderationReason.off_topic'); },
  get spamLink() { return t('moderationReason.spam_link'); },
  get spamPhone() { return t('moderationReason.spam_phone'); },
  get spamEmail() { return t('moderationReason.spam_email'); },
  get spamRepeat() { return t('moderationReason.spam_repeat'); },
  get spamSelfRepeat() { return t('moderationReason.spam_self_repeat'); },
  get newUser() { return t('moderationReason.new_user'); },
  reported: (count: number) => t('moderationReason.reported', { count }),
};
