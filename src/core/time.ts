// Times and durations as the extension shows them, in the tree, the palette and the details page.
// No `vscode` import: the page bundle uses it too.

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** ISO 8601, or undefined for a missing or invalid date. */
export function isoString(date: Date | string | number | undefined): string | undefined {
  if (date === undefined) return undefined;
  const d = date instanceof Date ? date : new Date(date);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/**
 * A short human duration: "45 s", "3 min", "2 h 05 min", "3 d 4 h". Two units at most, because
 * an administrator reads "expires in 2 h 05 min" at a glance and needs no more precision.
 * Negative values are formatted by their magnitude (the caller says "ago" or "in").
 */
export function duration(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  const abs = Math.abs(ms);
  if (abs < MINUTE) return `${Math.floor(abs / SECOND)} s`;
  if (abs < HOUR) return `${Math.floor(abs / MINUTE)} min`;
  if (abs < DAY) {
    const h = Math.floor(abs / HOUR);
    const m = Math.floor((abs % HOUR) / MINUTE);
    return m ? `${h} h ${String(m).padStart(2, '0')} min` : `${h} h`;
  }
  const d = Math.floor(abs / DAY);
  const h = Math.floor((abs % DAY) / HOUR);
  return h ? `${d} d ${h} h` : `${d} d`;
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * DAY],
  ['month', 30 * DAY],
  ['week', 7 * DAY],
  ['day', DAY],
  ['hour', HOUR],
  ['minute', MINUTE],
  ['second', SECOND],
];

export interface RelativeTimeOptions {
  locale?: string;
  /** 'long' (the details page): "3 hours ago"; 'narrow' (tree rows, where width is scarce): "3h ago". */
  style?: 'long' | 'narrow';
}

/**
 * "3 hours ago", "in 5 minutes", "now": the largest unit that fits, rounded toward zero so that
 * "in 59 minutes" never reads "in 1 hour" while an hour is not yet there. '—' for an invalid date.
 */
export function relativeTime(date: Date, now: Date | number, options: RelativeTimeOptions = {}): string {
  const diff = date.getTime() - (typeof now === 'number' ? now : now.getTime());
  if (!Number.isFinite(diff)) return '—';
  const format = new Intl.RelativeTimeFormat(options.locale ?? 'en', { numeric: 'auto', style: options.style ?? 'long' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(diff) >= size) return format.format(Math.trunc(diff / size), unit);
  }
  return format.format(0, 'second');
}

export interface LocalTimeOptions {
  /** BCP 47 (vscode.env.language in the host, navigator.language in the page); the runtime's default if omitted. */
  locale?: string;
  /** IANA zone; the machine's own if omitted (tests pin it). */
  timeZone?: string;
}

/**
 * The one way a date and time is shown, in the tree's tooltips and on the details page alike: local
 * time in the user's locale, with the zone named ("Nov 30, 2026, 08:15:02 GMT+1"), so that a reader
 * never has to guess whether a time is UTC. The exact ISO 8601 value goes alongside where there is
 * room (the page's hover). Undefined for a missing or invalid date.
 */
export function localDateTime(date: Date | string | number | undefined, options: LocalTimeOptions = {}): string | undefined {
  if (date === undefined) return undefined;
  const d = date instanceof Date ? date : new Date(date);
  if (Number.isNaN(d.getTime())) return undefined;
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat(options.locale, { ...LOCAL_FIELDS, timeZone: options.timeZone });
  } catch {
    // An unknown locale tag (a display language the runtime does not know): the runtime's default.
    format = new Intl.DateTimeFormat(undefined, { ...LOCAL_FIELDS, timeZone: options.timeZone });
  }
  return format.format(d);
}

const LOCAL_FIELDS: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  timeZoneName: 'short',
};

/** A count in the user's locale ("5,000" in English, "5.000" in German). */
export function localNumber(value: number, locale?: string): string {
  try {
    return new Intl.NumberFormat(locale).format(value);
  } catch {
    return new Intl.NumberFormat().format(value);
  }
}
