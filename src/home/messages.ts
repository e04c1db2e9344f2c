/** Persian messages of the front page. */
export const homeMessages = {
  'home.title': 'محله؛ مشارکت مردم در کاهش آسیب‌های اجتماعی',
  'home.lead': 'نیاز محلهٔ خود را بگویید، طرح‌های دستگاه‌ها را ببینید و در تصمیم‌گیری دربارهٔ بودجهٔ محله سهم داشته باشید.',
  'home.how': 'چرخهٔ کار',
  'home.step.need': 'شناخت نیاز محله‌ها و روستاها',
  'home.step.plan': 'فراخوان و طرح‌های دستگاه‌های اجرایی',
  'home.step.review': 'داوری کارشناسان و دانشگاهیان',
  'home.step.fund': 'تخصیص شفاف بودجه',
  'home.step.show': 'اجرا، پایش و گزارش نتایج به مردم',
  'home.counties': 'شهرستان‌های استان',
  'home.stats.places': 'محله و روستای ثبت‌شده',
  'home.stats.population': 'جمعیت استان (سرشماری ۱۳۹۵)',
  'home.join': 'عضویت با شمارهٔ همراه',
} as const;
