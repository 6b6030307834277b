// Times as the user's locale shows them, with the exact ISO 8601 value on hover.
import { duration, localDateTime, relativeTime } from '../../core/time';

/** The same convention as the tree's tooltips (src/core/time.ts): local time, zone named. */
export function localTime(iso: string): string {
  return localDateTime(iso, { locale: navigator.language || undefined }) ?? iso;
}

export function relative(iso: string, now: Date): string {
  return relativeTime(new Date(iso), now, { locale: navigator.language || 'en' });
}

/** "2 h 05 min" since start. */
export function elapsed(startIso: string | undefined, now: Date): string | undefined {
  if (!startIso) return undefined;
  const ms = now.getTime() - new Date(startIso).getTime();
  return ms >= 0 ? duration(ms) : `starts in ${duration(ms)}`;
}

/** "1 h 10 min" until expiry, or "expired 5 min ago". */
export function remaining(expiryIso: string | undefined, now: Date): string | undefined {
  if (!expiryIso) return undefined;
  const ms = new Date(expiryIso).getTime() - now.getTime();
  return ms >= 0 ? duration(ms) : `expired ${duration(ms)} ago`;
}
