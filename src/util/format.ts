// Pure formatting helpers for times, durations, ARNs and AWS Console links. No `vscode` import:
// used by the extension host, by the webview page bundle and by the tree.

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

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

/**
 * "3 hours ago", "in 5 minutes", "now": the largest unit that fits, rounded toward zero so that
 * "in 59 minutes" never reads "in 1 hour" while an hour is not yet there.
 */
export function relativeTime(date: Date, now: Date, locale = 'en'): string {
  const diff = date.getTime() - now.getTime();
  if (!Number.isFinite(diff)) return '—';
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(diff) >= size) return format.format(Math.trunc(diff / size), unit);
  }
  return format.format(0, 'second');
}

/** The 12-digit account id of an ARN (`arn:partition:service:region:account:resource`), if any. */
export function accountFromArn(arn: string | undefined): string | undefined {
  if (!arn) return undefined;
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  return /^\d{12}$/.test(parts[4]) ? parts[4] : undefined;
}

/** The region of an ARN, if any. */
export function regionFromArn(arn: string | undefined): string | undefined {
  const parts = arn?.split(':');
  return parts && parts.length >= 6 && parts[0] === 'arn' && parts[3] ? parts[3] : undefined;
}

export interface ConsoleUrls {
  pool?: string;
  instance?: string;
  eni?: string;
}

const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;
const POOL_ID = /^wspool-[0-9a-z]{9}$/;
const INSTANCE_ID = /^i-[0-9a-f]{8}(?:[0-9a-f]{9})?$/;
const ENI_ID = /^eni-[0-9a-f]{8}(?:[0-9a-f]{9})?$/;

/** The console's host for a region: GovCloud and China have their own consoles. */
function consoleBase(region: string): string {
  if (region.startsWith('us-gov-')) return `https://${region}.console.amazonaws-us-gov.com`;
  if (region.startsWith('cn-')) return 'https://console.amazonaws.cn';
  return `https://${region}.console.aws.amazon.com`;
}

/**
 * AWS Console links for a session's pool, instance and network interface, in the session's region.
 * Only well-formed ids produce a link: the values come from the service, and a link is the one
 * place where a malformed value could turn into somewhere else to go.
 */
export function consoleUrls(region: string, poolId?: string, instanceId?: string, eniId?: string): ConsoleUrls {
  if (!REGION.test(region)) return {};
  const base = consoleBase(region);
  const urls: ConsoleUrls = {};
  if (poolId && POOL_ID.test(poolId)) urls.pool = `${base}/workspaces/v2/pools/${poolId}?region=${region}`;
  if (instanceId && INSTANCE_ID.test(instanceId)) {
    urls.instance = `${base}/ec2/home?region=${region}#InstanceDetails:instanceId=${instanceId}`;
  }
  if (eniId && ENI_ID.test(eniId)) {
    urls.eni = `${base}/ec2/home?region=${region}#NetworkInterface:networkInterfaceId=${eniId}`;
  }
  return urls;
}

/** Shortens a string to `max` characters (code points, so no surrogate pair is cut) with an ellipsis. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, Math.max(1, max - 1)).join('')}…`;
}
