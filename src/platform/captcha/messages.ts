/** Persian messages of the captcha; part of the platform catalogue (see ../i18n/fa.ts). */
export const captchaMessages = {
  'captcha.legend': 'تأیید اینکه شما ربات نیستید',
  'captcha.question.plus': '{a} به‌علاوهٔ {b} چند می‌شود؟',
  'captcha.question.minus': '{a} منهای {b} چند می‌شود؟',
  'captcha.hint': 'پاسخ را با رقم بنویسید؛ رقم فارسی و انگلیسی هر دو پذیرفته می‌شوند.',
  'captcha.status.working': 'در حال بررسی خودکار…',
  'captcha.status.done': 'تأیید شد؛ نیازی به پاسخ نیست.',
  'captcha.status.failed': 'بررسی خودکار نشد؛ لطفاً به پرسش پاسخ دهید.',
  'captcha.error.missing': 'لطفاً به پرسش پاسخ دهید.',
  'captcha.error.invalid': 'این بررسی پذیرفته نشد. لطفاً به پرسش تازه پاسخ دهید.',
  'captcha.error.expired': 'زمان این پرسش گذشته بود. لطفاً به پرسش تازه پاسخ دهید.',
  'captcha.error.replayed': 'این پرسش پیش‌تر یک بار به کار رفته است. لطفاً به پرسش تازه پاسخ دهید.',
  'captcha.error.wrong_answer': 'پاسخ درست نبود. لطفاً به پرسش تازه پاسخ دهید.',
} as const;
