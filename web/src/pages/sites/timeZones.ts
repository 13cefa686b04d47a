// IANA time zones known to the browser, each with its current UTC offset, for the site form.
const FALLBACK = [
  'Asia/Shanghai',
  'Asia/Hong_Kong',
  'Asia/Taipei',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Europe/London',
  'America/New_York',
  'UTC',
];

function offsetOf(zone: string, at: Date): string {
  try {
    const part = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName');
    return part?.value === 'GMT' ? 'UTC+00:00' : (part?.value.replace('GMT', 'UTC') ?? '');
  } catch {
    return '';
  }
}

export function timeZoneOptions(current?: string): { value: string; label: string }[] {
  const zones: string[] =
    typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [...FALLBACK];
  if (!zones.includes('UTC')) zones.push('UTC');
  if (current && !zones.includes(current)) zones.push(current);
  const now = new Date();
  return zones.map((zone) => ({ value: zone, label: `${zone} (${offsetOf(zone, now)})` }));
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'Asia/Shanghai';
}
