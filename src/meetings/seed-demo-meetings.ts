// Two past meetings of the provincial council for the demo, recorded through the real operations:
// members, invited agencies, agenda, attendance, minutes, resolutions (one overdue, one done after
// the agency's progress note), and published public summaries. Written for Mahalle: the people
// named «(نمونه)» and everything said in the meetings are illustrative.

import { findUserByEmail, rolesOf } from '../accounts/accounts.repo.ts';
import type { Actor } from '../accounts/permissions.ts';
import { agencyIdsOfOfficer, findAgencyByNameKey } from '../agencies/agencies.repo.ts';
import { demoAgencies, type DemoAgencyKey } from '../agencies/demo-agencies.ts';
import type { OpContext } from '../context.ts';
import { formatJalaliNumeric, jalaliPartsOf } from '../platform/persian/jalali.ts';
import { matchKey, normalizePersian } from '../platform/persian/normalize.ts';
import { toPersianDigits } from '../platform/persian/digits.ts';
import { createResolution } from '../resolutions/create-resolution.ts';
import { postProgressNote } from '../resolutions/post-progress-note.ts';
import { setResolutionStatus } from '../resolutions/set-resolution-status.ts';
import { addAgendaItem } from './add-agenda-item.ts';
import { addMember } from './add-member.ts';
import { createMeeting } from './create-meeting.ts';
import { holdMeeting } from './hold-meeting.ts';
import { inviteAgency } from './invite-agency.ts';
import { callsWithCompliance, countAllMeetings, membersOf, needsToDiscuss, plansAwaitingDetermination } from './meetings.repo.ts';
import { recordAttendance } from './record-attendance.ts';
import { saveMinutes } from './save-minutes.ts';
import { saveSummary } from './save-summary.ts';

const DAY = 86_400_000;

type DemoResolution = {
  agency: DemoAgencyKey;
  text: string;
  /** Days from today (negative: already passed). */
  deadlineDays: number;
  /** What the agency and the secretariat do with it afterwards. */
  then?: { progress: string } | { done: { note: string; confirm: string } };
};

type DemoMeeting = {
  title: string;
  daysAgo: number;
  time: string;
  venue: string;
  chair: string;
  guests: { name: string; role: string; attended: boolean }[];
  agencies: { key: DemoAgencyKey; representative: string; attended: boolean }[];
  agenda: ('compliance' | 'plan' | 'need' | { title: string; notes: string })[];
  minutes: string;
  summary: string;
  resolutions: DemoResolution[];
};

const meetings: DemoMeeting[] = [
  {
    title: 'جلسهٔ ستاد توانمندسازی محلات استان — بررسی فراخوان و محله‌های هدف',
    daysAgo: 40,
    time: '10:00',
    venue: 'سالن جلسات استانداری قزوین',
    chair: 'معاون سیاسی، امنیتی و اجتماعی استاندار',
    guests: [{ name: 'دکتر سمیرا نادری (نمونه)', role: 'کارشناس دانشگاهی مهمان', attended: true }],
    agencies: [
      { key: 'welfare', representative: 'معاون امور اجتماعی', attended: true },
      { key: 'education', representative: 'رئیس اداره مشاوره و تربیت بدنی', attended: true },
      { key: 'relief', representative: 'معاون حمایت و سلامت خانواده', attended: true },
      { key: 'municipality', representative: '', attended: false },
    ],
    agenda: [
      'compliance',
      'need',
      { title: 'گزارش دبیرخانه از وضعیت محله‌های هدف', notes: 'شاخص‌های پایهٔ محله‌های نمونه و نتیجهٔ بازدیدهای میدانی.' },
    ],
    minutes: [
      '## گزارش دبیرخانه',
      'دبیر ستاد گفت از دستگاه‌های دعوت‌شده در فراخوان امسال هنوز چند دستگاه طرحی نفرستاده‌اند و یادآوری‌ها ادامه دارد. ',
      'بازدید میدانی از محله‌های نمونه نشان داد کمبود فضای امن برای نوجوانان در عصرها و ترک تحصیل دختران در پایهٔ متوسطه بیش از بقیه دیده می‌شود.',
      '',
      '## بحث‌ها',
      '- نمایندهٔ بهزیستی پیشنهاد کرد مشاورهٔ خانواده به خود محله برده شود تا خانواده‌ها برای رفتن به شهر هزینه نکنند.',
      '- نمایندهٔ آموزش و پرورش گفت فهرست دقیقی از بازماندگان از تحصیل در دست نیست و باید با مدیران مدارس تهیه شود.',
      '- کارشناس دانشگاهی مهمان یادآوری کرد که برای سنجش اثر طرح‌ها، شاخص پایه پیش از اجرا ثبت شود.',
      '',
      '## جمع‌بندی',
      'ستاد سه مصوبه با دستگاه مسئول و مهلت تصویب کرد و مقرر شد در جلسهٔ بعد پیگیری شوند.',
    ].join('\n'),
    summary: [
      'ستاد توانمندسازی محلات استان در این جلسه گزارش دبیرخانه دربارهٔ فراخوان امسال و وضعیت محله‌های هدف را شنید.',
      '',
      'نبود فضای امن برای نوجوانان در عصرها و ترک تحصیل دانش‌آموزان از مهم‌ترین مسائل محله‌ها شمرده شد. ستاد مقرر کرد مشاورهٔ خانواده به محله‌ها برده شود، فهرست بازماندگان از تحصیل تهیه شود و زنان سرپرست خانوار به دوره‌های مهارت‌آموزی معرفی شوند.',
    ].join('\n'),
    resolutions: [
      {
        agency: 'welfare', deadlineDays: -20,
        text: 'دو دفتر مشاورهٔ خانواده در محله‌های هدف شهر قزوین راه‌اندازی شود و شمار مراجعان هر ماه به دبیرخانه گزارش شود.',
      },
      {
        agency: 'education', deadlineDays: -15,
        text: 'فهرست دانش‌آموزان بازمانده از تحصیل محله‌های هدف با همکاری مدیران مدارس تهیه و به دبیرخانهٔ ستاد فرستاده شود.',
        then: {
          done: {
            note: 'فهرست با همکاری مدیران ۱۴ مدرسهٔ محله‌های هدف تهیه و برای دبیرخانه فرستاده شد؛ بیشترین موارد در پایهٔ هفتم و هشتم است.',
            confirm: 'فهرست دریافت شد و در جلسهٔ بعد بررسی می‌شود.',
          },
        },
      },
      {
        agency: 'relief', deadlineDays: 25,
        text: 'پرونده‌های زنان سرپرست خانوار تحت حمایت در محله‌های هدف بررسی و داوطلبان به دوره‌های مهارت‌آموزی معرفی شوند.',
        then: { progress: 'بررسی پرونده‌ها آغاز شده و تاکنون نام ۳۲ نفر برای دوره‌های خیاطی و آشپزی ثبت شده است.' },
      },
    ],
  },
  {
    title: 'جلسهٔ ستاد توانمندسازی محلات استان — پیگیری مصوبات و برنامهٔ تابستان',
    daysAgo: 10,
    time: '09:30',
    venue: 'سالن جلسات استانداری قزوین',
    chair: 'معاون سیاسی، امنیتی و اجتماعی استاندار',
    guests: [],
    agencies: [
      { key: 'welfare', representative: 'معاون امور اجتماعی', attended: true },
      { key: 'police', representative: 'رئیس پلیس پیشگیری', attended: true },
      { key: 'sports', representative: 'معاون توسعهٔ ورزش همگانی', attended: true },
      { key: 'tvto', representative: 'رئیس گروه آموزش‌های بازار کار', attended: true },
    ],
    agenda: [
      'plan',
      { title: 'برنامهٔ تابستانی نوجوانان محله‌های هدف', notes: 'پیشنهاد اداره کل ورزش و جوانان برای باز ماندن زمین‌های ورزشی مدارس.' },
    ],
    minutes: [
      '## پیگیری مصوبات جلسهٔ پیش',
      '- فهرست بازماندگان از تحصیل رسیده و دبیرخانه آن را با آمار محله‌ها تطبیق می‌دهد.',
      '- دفترهای مشاورهٔ خانواده هنوز راه نیفتاده است؛ نمایندهٔ بهزیستی کمبود مشاور را دلیل تأخیر دانست و قول داد تا دو هفتهٔ دیگر گزارش دهد.',
      '- معرفی زنان سرپرست خانوار به دوره‌های مهارت‌آموزی در جریان است.',
      '',
      '## برنامهٔ تابستان',
      'نمایندهٔ ورزش و جوانان پیشنهاد کرد زمین‌های ورزشی مدارس عصرها برای نوجوانان محله باز بماند. نمایندهٔ پلیس پیشگیری افزایش گشت‌های پیشگیرانه پیرامون پارک‌ها را ممکن دانست.',
      '',
      '## جمع‌بندی',
      'دو مصوبهٔ تازه تصویب شد و مقرر شد دفترهای مشاوره در جلسهٔ بعد دوباره بررسی شوند.',
    ].join('\n'),
    summary: [
      'ستاد در این جلسه مصوبات جلسهٔ پیشین را پیگیری کرد: فهرست دانش‌آموزان بازمانده از تحصیل تهیه شده و معرفی زنان سرپرست خانوار به دوره‌های مهارت‌آموزی ادامه دارد، اما راه‌اندازی دفترهای مشاورهٔ خانواده از مهلت خود عقب است.',
      '',
      'برای تابستان مقرر شد زمین‌های ورزشی مدارس محله‌های هدف عصرها به روی نوجوانان باز بماند و گشت‌های پیشگیرانه پیرامون پارک‌ها بیشتر شود.',
    ].join('\n'),
    resolutions: [
      {
        agency: 'police', deadlineDays: 20,
        text: 'گشت‌های پیشگیرانه در ساعات عصر پیرامون پارک‌های محله‌های هدف بیشتر شود و گزارش ماهانهٔ آن به دبیرخانه برسد.',
      },
      {
        agency: 'sports', deadlineDays: 45,
        text: 'زمین‌های ورزشی مدارس محله‌های هدف در تابستان عصرها با مربی برای نوجوانان باز بماند.',
      },
    ],
  },
];

const jalaliDay = (ms: number) => formatJalaliNumeric(jalaliPartsOf(ms));

async function actorByEmail(ctx: OpContext, email: string): Promise<Actor | null> {
  const u = await findUserByEmail(ctx.db, email);
  if (!u) return null;
  return { id: u.id, roles: await rolesOf(ctx.db, u.id), agencyIds: await agencyIdsOfOfficer(ctx.db, u.id) };
}

/**
 * Seeds the two demo meetings unless any meeting exists (so running it twice adds nothing).
 * Needs the demo staff and agencies; returns how many meetings it added.
 */
export async function seedDemoMeetings(ctx: OpContext): Promise<number> {
  if ((await countAllMeetings(ctx.db)) > 0) return 0;
  const secretary = await actorByEmail(ctx, 'secretary@mahalle.local');
  const council = await findUserByEmail(ctx.db, 'council@mahalle.local');
  if (!secretary) return 0;
  const agencyIds = new Map<DemoAgencyKey, number>();
  for (const d of demoAgencies) {
    const a = await findAgencyByNameKey(ctx.db, matchKey(normalizePersian(d.name)));
    if (a) agencyIds.set(d.key, a.id);
  }
  const officerOf = (key: DemoAgencyKey) => demoAgencies.find((d) => d.key === key)!.officerEmail;
  const now = ctx.clock.now().getTime();
  const [call] = await callsWithCompliance(ctx.db, 1);
  const [need] = await needsToDiscuss(ctx.db, 1);
  const [plan] = await plansAwaitingDetermination(ctx.db, 1);
  const ids: number[] = [];

  for (const m of meetings) {
    const starts = now - m.daysAgo * DAY;
    const { id } = await createMeeting(
      ctx, secretary,
      { title: m.title, date: jalaliDay(starts), time: toPersianDigits(m.time), venue: m.venue, chair: m.chair },
      { isDemo: true },
    );
    ids.push(id);
    if (council) await addMember(ctx, secretary, id, { userId: String(council.id), name: '', role: 'عضو ستاد' });
    await addMember(ctx, secretary, id, { userId: String(secretary.id), name: '', role: 'دبیر ستاد' });
    for (const g of m.guests) await addMember(ctx, secretary, id, { userId: '', name: g.name, role: g.role });
    for (const a of m.agencies) {
      const agencyId = agencyIds.get(a.key);
      if (agencyId !== undefined) await inviteAgency(ctx, secretary, id, { agencyId: String(agencyId), representative: a.representative });
    }
    for (const item of m.agenda) {
      if (item === 'compliance' && call) await addAgendaItem(ctx, secretary, id, { kind: 'compliance', refId: String(call.id), title: '', notes: '' });
      else if (item === 'need' && need) await addAgendaItem(ctx, secretary, id, { kind: 'need', refId: String(need.id), title: '', notes: '' });
      else if (item === 'plan' && plan) await addAgendaItem(ctx, secretary, id, { kind: 'plan', refId: String(plan.id), title: '', notes: '' });
      else if (typeof item === 'object') await addAgendaItem(ctx, secretary, id, { kind: 'other', refId: '', title: item.title, notes: item.notes });
    }
    const members = await membersOf(ctx.db, id);
    const absentGuests = new Set(m.guests.filter((g) => !g.attended).map((g) => g.name));
    await recordAttendance(ctx, secretary, id, {
      members: members.filter((x) => !absentGuests.has(x.name)).map((x) => String(x.id)),
      agencies: m.agencies.filter((a) => a.attended && agencyIds.has(a.key)).map((a) => String(agencyIds.get(a.key))),
      representatives: {},
    });
    await saveMinutes(ctx, secretary, id, { minutes: m.minutes });
    await holdMeeting(ctx, secretary, id);

    for (const r of m.resolutions) {
      const agencyId = agencyIds.get(r.agency);
      if (agencyId === undefined) continue;
      const created = await createResolution(ctx, secretary, id, { text: r.text, agencyId: String(agencyId), deadline: jalaliDay(now + r.deadlineDays * DAY) }, { isDemo: true });
      const officer = r.then ? await actorByEmail(ctx, officerOf(r.agency)) : null;
      if (!officer || !r.then) continue;
      if ('progress' in r.then) {
        await postProgressNote(ctx, officer, created.id, { body: r.then.progress, report: 'in_progress' });
      } else {
        await postProgressNote(ctx, officer, created.id, { body: r.then.done.note, report: 'done' });
        await setResolutionStatus(ctx, secretary, created.id, { status: 'done', note: r.then.done.confirm });
      }
    }
    await saveSummary(ctx, secretary, id, { summary: m.summary, publish: true });
  }
  return ids.length;
}
