import type { OpContext } from '../context.ts';
import type { Actor } from '../accounts/permissions.ts';
import { demoAgencies, type DemoAgencyKey } from '../agencies/demo-agencies.ts';
import { findAgencyByNameKey } from '../agencies/agencies.repo.ts';
import { toPersianDigits } from '../platform/persian/digits.ts';
import { currentFiscalYear, formatJalaliNumeric, jalaliPartsOf } from '../platform/persian/jalali.ts';
import { matchKey, normalizePersian } from '../platform/persian/normalize.ts';
import { findPlaceByCode } from '../places/places.repo.ts';
import { findCallByTitle } from './calls.repo.ts';
import { createCall } from './create-call.ts';
import { inviteAgency } from './invite-agency.ts';
import { transitionCall } from './transition-call.ts';

const BILLION = 1_000_000_000;

/** Each agency's credit in the demo call, in rials (145 of the 150 billion rial ceiling). */
export const demoCredits: Readonly<Record<DemoAgencyKey, number>> = {
  welfare: 40 * BILLION,
  relief: 25 * BILLION,
  municipality: 20 * BILLION,
  education: 15 * BILLION,
  medical: 10 * BILLION,
  sports: 10 * BILLION,
  police: 5 * BILLION,
  tvto: 10 * BILLION,
  propagation: 5 * BILLION,
  redcrescent: 5 * BILLION,
};

export const DEMO_CALL_BUDGET_RIALS = 150 * BILLION;

export const demoCallTitle = (fiscalYear: number) => `فراخوان طرح‌های توانمندسازی محلات سال ${toPersianDigits(fiscalYear)}`;

const description = [
  'ستاد فرهنگی و اجتماعی مدیریت و ساماندهی آسیب‌های اجتماعی استان قزوین از دستگاه‌های اجرایی دعوت می‌کند طرح‌های خود را برای توانمندسازی محلات و روستاهای استان در این فراخوان بفرستند.',
  'اولویت با طرح‌هایی است که به پیشگیری از اعتیاد و طلاق، حمایت از زنان سرپرست خانوار و کودکان کار می‌پردازند و مادران، کودکان، نوجوانان و زوج‌های جوان را هدف می‌گیرند. مداخلهٔ به‌موقع، آموزش و اطلاع‌رسانی و مشارکت خود مردم محله در اجرا امتیاز دارد.',
  'هر طرح باید اثربخش، هدفمند و توجیه‌پذیر باشد: گروه هدف و محله‌ها را با شواهد نیاز معرفی کند، شاخص‌های پیامد و برون‌داد با مقدار پایه و هدف داشته باشد و هزینه‌اش در سقف اعتبار دستگاه و در سال مالی فراخوان بگنجد.',
].join('\n\n');

/**
 * The demo call of the current fiscal year, opened by the secretariat: 150 billion rials,
 * deadline at the end of the Tehran day 21 days from now, the whole province eligible, all ten
 * demo agencies invited. Opening it tells their officers and schedules the reminders. Returns
 * the call's id; run again, it finds the call by its title and changes nothing.
 */
export async function seedDemoCall(ctx: OpContext, secretaryActor: Actor): Promise<number> {
  const now = ctx.clock.now();
  const fiscalYear = currentFiscalYear(now);
  const existing = await findCallByTitle(ctx.db, fiscalYear, normalizePersian(demoCallTitle(fiscalYear)));
  if (existing) return existing.id;
  const province = await findPlaceByCode(ctx.db, '26');
  if (!province) throw new Error('seed the places before the demo call');
  const lastDay = jalaliPartsOf(now.getTime() + 21 * 86_400_000);
  const callId = await createCall(
    ctx,
    secretaryActor,
    {
      title: demoCallTitle(fiscalYear),
      description,
      fiscalYear: String(fiscalYear),
      budget: String(DEMO_CALL_BUDGET_RIALS),
      deadline: formatJalaliNumeric(lastDay),
      harms: ['ADDICTION', 'DIVORCE', 'FEMALE_HEADED_HOUSEHOLD', 'CHILD_LABOUR'],
      targetGroups: ['MOTHERS', 'CHILDREN', 'ADOLESCENTS', 'YOUNG_COUPLES', 'WOMEN_HEADS_OF_HOUSEHOLD'],
      placeIds: [String(province.id)],
    },
    { isDemo: true },
  );
  for (const d of demoAgencies) {
    const agency = await findAgencyByNameKey(ctx.db, matchKey(normalizePersian(d.name)));
    if (!agency) continue;
    await inviteAgency(ctx, secretaryActor, callId, { agencyId: String(agency.id), credit: String(demoCredits[d.key]) });
  }
  await transitionCall(ctx, secretaryActor, callId, 'open');
  return callId;
}
