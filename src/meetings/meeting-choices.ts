import type { Db } from '../platform/db/database.ts';
import { toPersianDigits } from '../platform/persian/digits.ts';
import { formatJalaliDate } from '../platform/persian/jalali.ts';
import { meetingChoices } from './meetings.repo.ts';

/** The council's latest meetings as options of a «در جلسهٔ» select (the determination form). */
export async function meetingChoiceOptions(db: Db): Promise<{ value: string; label: string }[]> {
  return (await meetingChoices(db)).map((m) => ({
    value: String(m.id),
    label: `${toPersianDigits(m.title)} (${formatJalaliDate(m.starts_at)})`,
  }));
}
