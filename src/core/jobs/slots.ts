// Which run of a scheduled job is due: every run has a slot name, and one slot runs once, whichever server
// instance gets to it first.
export type Schedule =
  | { everyMinutes: number }
  /** Once a day at a local time in the given IANA zone. */
  | { dailyAt: string; zone: string };

function localParts(ms: number, zone: string) {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(ms));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    date: `${get('year')}-${get('month')}-${get('day')}`,
    minute: Number(get('hour')) * 60 + Number(get('minute')),
  };
}

function previousDate(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The slot that is due at `nowMs`: for a periodic job the current period; for a daily job today's date once
 * the local time has passed, else yesterday's (so a server started late still runs yesterday's missed run).
 */
export function dueSlot(schedule: Schedule, nowMs: number): string {
  if ('everyMinutes' in schedule) {
    const period = schedule.everyMinutes * 60_000;
    return `p${Math.floor(nowMs / period)}`;
  }
  const [h, m] = schedule.dailyAt.split(':').map(Number);
  const local = localParts(nowMs, schedule.zone);
  return local.minute >= h * 60 + m ? local.date : previousDate(local.date);
}
