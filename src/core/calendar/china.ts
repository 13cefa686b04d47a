// Mainland China public holiday calendars from the State Council notices (国务院办公厅通知).
// Inside a holiday block only the statutory days proper are statutoryHoliday (300% overtime);
// the other days of the block are rest days (200%), and the moved weekend days are workdays (调休上班).
// From 2025 there are 13 statutory days a year: 元旦 1, 春节 4 (除夕 to 初三), 清明 1, 劳动节 2,
// 端午 1, 中秋 1, 国庆 3.

import { datesInRange } from '../time/date.js';
import { createCalendar } from './calendar.js';
import type { Calendar, CalendarEntry } from './types.js';

interface HolidayBlock {
  name: string;
  nameEn: string;
  /** First and last day off, both included. */
  from: string;
  to: string;
  /** The statutory days proper inside the block. */
  statutory: string[];
  /** Weekend days that become workdays for this block. */
  workdays?: string[];
}

export interface HolidayNotice {
  year: number;
  /** The notice's document number. */
  notice: string;
  blocks: HolidayBlock[];
}

export const CHINA_2025: HolidayNotice = {
  year: 2025,
  notice: '国办发明电〔2024〕12号',
  blocks: [
    {
      name: '元旦',
      nameEn: "New Year's Day",
      from: '2025-01-01',
      to: '2025-01-01',
      statutory: ['2025-01-01'],
    },
    {
      name: '春节',
      nameEn: 'Spring Festival',
      from: '2025-01-28',
      to: '2025-02-04',
      statutory: ['2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31'],
      workdays: ['2025-01-26', '2025-02-08'],
    },
    {
      name: '清明节',
      nameEn: 'Qingming Festival',
      from: '2025-04-04',
      to: '2025-04-06',
      statutory: ['2025-04-04'],
    },
    {
      name: '劳动节',
      nameEn: 'Labour Day',
      from: '2025-05-01',
      to: '2025-05-05',
      statutory: ['2025-05-01', '2025-05-02'],
      workdays: ['2025-04-27'],
    },
    {
      name: '端午节',
      nameEn: 'Dragon Boat Festival',
      from: '2025-05-31',
      to: '2025-06-02',
      statutory: ['2025-05-31'],
    },
    {
      name: '国庆节、中秋节',
      nameEn: 'National Day and Mid-Autumn Festival',
      from: '2025-10-01',
      to: '2025-10-08',
      statutory: ['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-06'],
      workdays: ['2025-09-28', '2025-10-11'],
    },
  ],
};

export const CHINA_2026: HolidayNotice = {
  year: 2026,
  notice: '国办发明电〔2025〕7号',
  blocks: [
    {
      name: '元旦',
      nameEn: "New Year's Day",
      from: '2026-01-01',
      to: '2026-01-03',
      statutory: ['2026-01-01'],
      workdays: ['2026-01-04'],
    },
    {
      name: '春节',
      nameEn: 'Spring Festival',
      from: '2026-02-15',
      to: '2026-02-23',
      // 除夕 falls on 2026-02-16 (腊月二十九); 初一 to 初三 are 02-17 to 02-19.
      statutory: ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19'],
      workdays: ['2026-02-14', '2026-02-28'],
    },
    {
      name: '清明节',
      nameEn: 'Qingming Festival',
      from: '2026-04-04',
      to: '2026-04-06',
      statutory: ['2026-04-05'],
    },
    {
      name: '劳动节',
      nameEn: 'Labour Day',
      from: '2026-05-01',
      to: '2026-05-05',
      statutory: ['2026-05-01', '2026-05-02'],
      workdays: ['2026-05-09'],
    },
    {
      name: '端午节',
      nameEn: 'Dragon Boat Festival',
      from: '2026-06-19',
      to: '2026-06-21',
      statutory: ['2026-06-19'],
    },
    {
      name: '中秋节',
      nameEn: 'Mid-Autumn Festival',
      from: '2026-09-25',
      to: '2026-09-27',
      statutory: ['2026-09-25'],
    },
    {
      name: '国庆节',
      nameEn: 'National Day',
      from: '2026-10-01',
      to: '2026-10-07',
      statutory: ['2026-10-01', '2026-10-02', '2026-10-03'],
      workdays: ['2026-09-20', '2026-10-10'],
    },
  ],
};

export const CHINA_NOTICES: Readonly<Record<number, HolidayNotice>> = { 2025: CHINA_2025, 2026: CHINA_2026 };

/** The dated entries of one notice: statutory days, bridged rest days and moved workdays. */
export function noticeEntries(notice: HolidayNotice): CalendarEntry[] {
  const entries: CalendarEntry[] = [];
  for (const block of notice.blocks) {
    for (const date of datesInRange(block.from, block.to)) {
      const statutory = block.statutory.includes(date);
      entries.push({ date, type: statutory ? 'statutoryHoliday' : 'restDay', name: block.name });
    }
    for (const date of block.workdays ?? []) {
      entries.push({ date, type: 'workday', name: `${block.name}调休上班` });
    }
  }
  return entries.sort((a, b) => (a.date < b.date ? -1 : 1));
}

export function bundledYears(): number[] {
  return Object.keys(CHINA_NOTICES).map(Number);
}

/** A calendar for mainland China with the bundled years (default: all of them). */
export function chinaCalendar(years: readonly number[] = bundledYears(), id = 'CN'): Calendar {
  const entries: CalendarEntry[] = [];
  for (const year of years) {
    const notice = CHINA_NOTICES[year];
    if (!notice)
      throw new RangeError(
        `no bundled mainland China calendar for ${year}; bundled: ${bundledYears().join(', ')}`,
      );
    entries.push(...noticeEntries(notice));
  }
  return createCalendar({ id, entries, weekend: [0, 6] });
}
