import type { Language } from '@madar/domain';
import { localeOf, TIME_ZONE } from '../../app/format';

/** Minutes east of UTC of Casablanca at an instant (it changes during Ramadan). */
function offsetMinutes(at: Date): number {
  const name =
    new Intl.DateTimeFormat('en-US', { timeZone: TIME_ZONE, timeZoneName: 'longOffset' })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === '-' ? -minutes : minutes;
}

function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

function casablancaParts(at: Date): Record<string, string> {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  return Object.fromEntries(parts.map((p) => [p.type, p.value]));
}

/** Now, as the value of a `datetime-local` input in Casablanca time (`yyyy-mm-ddThh:mm`). */
export function casablancaNowLocal(at: Date = new Date()): string {
  const p = casablancaParts(at);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** Today in Casablanca (`yyyy-mm-dd`). */
export function casablancaToday(at: Date = new Date()): string {
  return casablancaNowLocal(at).slice(0, 10);
}

const LOCAL_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/** A Casablanca wall-clock time (`yyyy-mm-ddThh:mm`) → an ISO instant with its offset. */
export function casablancaLocalToIso(local: string): string | undefined {
  if (!LOCAL_PATTERN.test(local)) return undefined;
  const asUtc = new Date(`${local}:00Z`);
  if (Number.isNaN(asUtc.getTime())) return undefined;
  // The offset of the instant meant, found in two steps (exact except inside the hour of a change).
  const guess = offsetMinutes(asUtc);
  const offset = offsetMinutes(new Date(asUtc.getTime() - guess * 60_000));
  return `${local}:00${offsetText(offset)}`;
}

/** "3 hours ago", in the interface language with Western digits. */
export function formatAgo(iso: string, language: Language, now: Date = new Date()): string {
  const then = new Date(iso).getTime();
  if (Number.isNaN(then)) return '';
  const minutes = Math.round((then - now.getTime()) / 60_000);
  const format = new Intl.RelativeTimeFormat(`${localeOf(language)}-u-nu-latn`, { numeric: 'auto' });
  if (Math.abs(minutes) < 60) return format.format(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 48) return format.format(hours, 'hour');
  return format.format(Math.round(hours / 24), 'day');
}
