import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCalendar, dayInfo, entriesOfYear } from '../../../src/core/calendar/calendar.js';
import { CHINA_2025, CHINA_2026, chinaCalendar, noticeEntries } from '../../../src/core/calendar/china.js';
import { calendarFromCsv, calendarToCsv } from '../../../src/core/calendar/csv.js';
import { calendarFromIcal, calendarToIcal } from '../../../src/core/calendar/ical.js';
import { CalendarParseError } from '../../../src/core/calendar/types.js';
import { weekday } from '../../../src/core/time/date.js';

const cn = chinaCalendar();

for (const notice of [CHINA_2025, CHINA_2026]) {
  test(`${notice.year}: 13 statutory days (${notice.notice})`, () => {
    const statutory = noticeEntries(notice).filter((e) => e.type === 'statutoryHoliday');
    assert.equal(statutory.length, 13);
    const byName = (name: string) => statutory.filter((e) => e.name === name).length;
    assert.equal(byName('元旦'), 1);
    assert.equal(byName('春节'), 4);
    assert.equal(byName('清明节'), 1);
    assert.equal(byName('劳动节'), 2);
    assert.equal(byName('端午节'), 1);
  });

  test(`${notice.year}: every make-up workday (调休上班) is a Saturday or Sunday`, () => {
    const workdays = noticeEntries(notice).filter((e) => e.type === 'workday');
    assert.ok(workdays.length > 0);
    for (const w of workdays) assert.ok([0, 6].includes(weekday(w.date)), `${w.date} is not a weekend day`);
  });
}

test('2025 make-up workdays and holiday blocks match the notice', () => {
  const workdays = noticeEntries(CHINA_2025)
    .filter((e) => e.type === 'workday')
    .map((e) => e.date);
  assert.deepEqual(workdays, ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11']);
  const off = (from: string, to: string) =>
    noticeEntries(CHINA_2025).filter((e) => e.type !== 'workday' && e.date >= from && e.date <= to).length;
  assert.equal(off('2025-01-28', '2025-02-04'), 8);
  assert.equal(off('2025-10-01', '2025-10-08'), 8);
  assert.equal(off('2025-05-31', '2025-06-02'), 3);
});

test('2026 make-up workdays and holiday blocks match the notice', () => {
  const workdays = noticeEntries(CHINA_2026)
    .filter((e) => e.type === 'workday')
    .map((e) => e.date);
  assert.deepEqual(workdays, [
    '2026-01-04',
    '2026-02-14',
    '2026-02-28',
    '2026-05-09',
    '2026-09-20',
    '2026-10-10',
  ]);
  const off = (from: string, to: string) =>
    noticeEntries(CHINA_2026).filter((e) => e.type !== 'workday' && e.date >= from && e.date <= to).length;
  assert.equal(off('2026-01-01', '2026-01-03'), 3);
  assert.equal(off('2026-02-15', '2026-02-23'), 9);
  assert.equal(off('2026-10-01', '2026-10-07'), 7);
});

test('statutory days proper versus bridged rest days inside a block', () => {
  assert.deepEqual(dayInfo(cn, '2025-01-28'), {
    date: '2025-01-28',
    type: 'statutoryHoliday',
    name: '春节',
    source: 'calendar',
  });
  assert.equal(dayInfo(cn, '2025-02-03').type, 'restDay');
  assert.equal(dayInfo(cn, '2025-02-03').name, '春节');
  assert.equal(dayInfo(cn, '2025-10-06').type, 'statutoryHoliday'); // 中秋
  assert.equal(dayInfo(cn, '2025-10-07').type, 'restDay');
  assert.equal(dayInfo(cn, '2026-02-16').type, 'statutoryHoliday'); // 除夕
  assert.equal(dayInfo(cn, '2026-02-15').type, 'restDay');
  assert.equal(dayInfo(cn, '2026-04-05').type, 'statutoryHoliday'); // 清明 on a Sunday
  assert.equal(dayInfo(cn, '2026-04-06').type, 'restDay');
});

test('unlisted dates follow the week; a 调休 Sunday is a workday', () => {
  assert.equal(dayInfo(cn, '2025-03-03').type, 'workday');
  assert.equal(dayInfo(cn, '2025-03-08').type, 'restDay');
  assert.deepEqual(dayInfo(cn, '2025-01-26'), {
    date: '2025-01-26',
    type: 'workday',
    name: '春节调休上班',
    source: 'calendar',
  });
});

test('company days off turn workdays into rest days but leave statutory holidays alone', () => {
  const c = createCalendar({
    entries: [...cn.entries.values()],
    companyDaysOff: [{ date: '2025-03-07', type: 'restDay', name: '年会' }, '2025-10-01', '2025-01-26'],
  });
  assert.deepEqual(dayInfo(c, '2025-03-07'), {
    date: '2025-03-07',
    type: 'restDay',
    name: '年会',
    source: 'companyDayOff',
  });
  assert.equal(dayInfo(c, '2025-10-01').type, 'statutoryHoliday');
  assert.equal(dayInfo(c, '2025-01-26').type, 'restDay');
});

test('a custom weekend (Friday and Saturday)', () => {
  const c = createCalendar({ weekend: [5, 6] });
  assert.equal(dayInfo(c, '2025-03-07').type, 'restDay');
  assert.equal(dayInfo(c, '2025-03-09').type, 'workday');
});

test('CSV export and import round-trip one year', () => {
  const entries = entriesOfYear(cn, 2026);
  const csv = calendarToCsv(entries);
  assert.ok(csv.startsWith('date,type,name\n2026-01-01,statutoryHoliday,元旦\n'));
  assert.deepEqual(calendarFromCsv(csv, 2026), entries);
});

test('CSV import accepts Chinese type names, quotes and comments', () => {
  const csv =
    '# company calendar\ndate,type,name\n2027-01-01,法定节假日,元旦\n2027-02-06,上班,"春节调休上班, 周六"\n';
  assert.deepEqual(calendarFromCsv(csv), [
    { date: '2027-01-01', type: 'statutoryHoliday', name: '元旦' },
    { date: '2027-02-06', type: 'workday', name: '春节调休上班, 周六' },
  ]);
});

const csvErrors: [string, string, RegExp][] = [
  ['a bad date', 'date,type,name\n2025-02-30,workday,x\n', /line 2: "2025-02-30" is not a date/],
  ['an unknown type', 'date,type,name\n2025-02-08,holidayish,x\n', /line 2: "holidayish" is not a day type/],
  [
    'a duplicate date',
    'date,type\n2025-02-08,workday\n2025-02-08,restDay\n',
    /line 3: 2025-02-08 already listed on line 2/,
  ],
  ['a date in another year', 'date,type\n2024-12-31,workday\n', /line 2: 2024-12-31 is not in 2025/],
  ['too many fields', 'date,type,name\n2025-02-08,workday,a,b\n', /line 2: expected 2 or 3 fields/],
  ['an unterminated quote', 'date,type,name\n2025-02-08,workday,"abc\n', /line 2: unterminated quoted field/],
];
for (const [what, text, message] of csvErrors) {
  test(`CSV import names the line of ${what}`, () => {
    assert.throws(
      () => calendarFromCsv(text, 2025),
      (e: unknown) => e instanceof CalendarParseError && message.test(e.message),
    );
  });
}

test('iCalendar export and import round-trip one year, one VEVENT per date', () => {
  const entries = entriesOfYear(cn, 2025);
  const ics = calendarToIcal(entries, '中国 2025');
  assert.equal(ics.match(/BEGIN:VEVENT/g)?.length, entries.length);
  assert.match(
    ics,
    /DTSTART;VALUE=DATE:20250128\r\nDTEND;VALUE=DATE:20250129\r\nSUMMARY:春节\r\nX-FACECLOCK-DAYTYPE:statutoryHoliday/,
  );
  assert.deepEqual(calendarFromIcal(ics, 2025), entries);
});

test('iCalendar import expands a multi-day event and reads CATEGORIES', () => {
  const ics = [
    'BEGIN:VCALENDAR',
    'BEGIN:VEVENT',
    'DTSTART;VALUE=DATE:20270205',
    'DTEND;VALUE=DATE:20270208',
    'SUMMARY:Spring',
    ' Festival',
    'CATEGORIES:restDay',
    'END:VEVENT',
    'END:VCALENDAR',
  ].join('\n');
  assert.deepEqual(
    calendarFromIcal(ics).map((e) => [e.date, e.type, e.name]),
    [
      ['2027-02-05', 'restDay', 'SpringFestival'],
      ['2027-02-06', 'restDay', 'SpringFestival'],
      ['2027-02-07', 'restDay', 'SpringFestival'],
    ],
  );
});

const icsErrors: [string, string, RegExp][] = [
  ['no calendar', 'BEGIN:VEVENT\nEND:VEVENT\n', /file must start with BEGIN:VCALENDAR/],
  [
    'a missing day type',
    'BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20250101\nEND:VEVENT\nEND:VCALENDAR\n',
    /line 2: VEVENT for 2025-01-01 has no X-FACECLOCK-DAYTYPE/,
  ],
  [
    'a bad date',
    'BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:2025011\nX-FACECLOCK-DAYTYPE:workday\nEND:VEVENT\nEND:VCALENDAR\n',
    /"2025011" is not an iCalendar date/,
  ],
  [
    'an unclosed event',
    'BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20250101\n',
    /line 2: VEVENT not closed/,
  ],
];
for (const [what, text, message] of icsErrors) {
  test(`iCalendar import explains ${what}`, () => {
    assert.throws(
      () => calendarFromIcal(text),
      (e: unknown) => e instanceof CalendarParseError && message.test(e.message),
    );
  });
}

test('asking for a year that is not bundled is a clear error', () => {
  assert.throws(
    () => chinaCalendar([2024]),
    /no bundled mainland China calendar for 2024; bundled: 2025, 2026/,
  );
});
