import dayjs from 'dayjs';

/** An instant from the API (UTC ISO text) in the browser's local time. */
export function formatInstant(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD HH:mm:ss') : '';
}
