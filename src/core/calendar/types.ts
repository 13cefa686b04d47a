// What kind of day a date is, for attendance and overtime pay.

/**
 * workday: a normal working day (including a weekend day moved to work, 调休上班);
 * restDay: a weekly rest day or a bridged day inside a holiday block (休息日, 200% overtime);
 * statutoryHoliday: a statutory holiday proper (法定节假日, 300% overtime).
 */
export type DayType = 'workday' | 'restDay' | 'statutoryHoliday';

export const DAY_TYPES: readonly DayType[] = ['workday', 'restDay', 'statutoryHoliday'];

export interface CalendarEntry {
  date: string;
  type: DayType;
  /** Holiday name, or the reason for a moved workday (e.g. '春节调休上班'). */
  name?: string;
}

export type DayTypeSource = 'weekday' | 'weekend' | 'calendar' | 'companyDayOff';

export interface DayInfo {
  date: string;
  type: DayType;
  name?: string;
  source: DayTypeSource;
}

export interface Calendar {
  id: string;
  /** Dates not listed follow the week: these weekdays are rest days (0 = Sunday … 6 = Saturday). */
  weekend: readonly number[];
  entries: ReadonlyMap<string, CalendarEntry>;
  /** Company days off (公司假) laid over the public calendar: they turn workdays into rest days. */
  companyDaysOff: ReadonlyMap<string, CalendarEntry>;
}

export class CalendarParseError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(line > 0 ? `line ${line}: ${message}` : message);
    this.name = 'CalendarParseError';
  }
}
