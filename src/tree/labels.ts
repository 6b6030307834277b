// The texts of the explorer's rows: descriptions and tooltips of profiles, pools, sessions and
// errors. No `vscode` import, so it is unit-tested in plain Node. Everything that comes from AWS or
// the AWS files is untrusted and goes through src/core/text.ts.
import type { WorkspacesPool, WorkspacesPoolSession } from '@aws-sdk/client-workspaces';
import type { ErrorDescription } from '../aws/errors';
import type { ProfileInfo } from '../aws/profiles';
import { HIDDEN_CHARACTERS_NOTE, hasHiddenCharacters, showHidden } from '../core/invisible';
import { escapeMarkdown, markdownFields } from '../core/text';
import { localDateTime, localNumber, relativeTime, type LocalTimeOptions } from '../core/time';

/** The user's locale (vscode.env.language, passed by the rows) and, for tests, the time zone. */
export type LabelOptions = LocalTimeOptions;

/** "2h ago" in a row, where width is scarce; '' without a date. */
function ago(date: Date | undefined, now: number): string {
  return date && !Number.isNaN(date.getTime()) ? relativeTime(date, now, { style: 'narrow' }) : '';
}

/**
 * The filter comes first: at the default sidebar width the end of a description is cut, and a
 * filtered pool must read as filtered at a glance.
 */
export function poolDescription(pool: WorkspacesPool, userFilter?: string, options: LabelOptions = {}): string {
  const parts: string[] = [];
  if (userFilter) parts.push(`user: ${showHidden(userFilter)}`);
  parts.push(pool.State ?? 'UNKNOWN');
  const capacity = pool.CapacityStatus;
  const n = (value: number | undefined) => localNumber(value ?? 0, options.locale);
  if (capacity) parts.push(`${n(capacity.ActiveUserSessions)} active / ${n(capacity.DesiredUserSessions)}`);
  if (pool.Errors?.length) parts.push(`${n(pool.Errors.length)} error${pool.Errors.length === 1 ? '' : 's'}`);
  return parts.join(' · ');
}

export function sessionDescription(session: WorkspacesPoolSession, now: number = Date.now()): string {
  const parts = [session.ConnectionState ?? 'UNKNOWN'];
  const started = ago(session.StartTime, now);
  if (started) parts.push(started);
  return parts.join(' · ');
}

export function poolTooltip(pool: WorkspacesPool, region: string, userFilter?: string, options: LabelOptions = {}): string {
  const c = pool.CapacityStatus;
  const n = (value: number | undefined) => localNumber(value ?? 0, options.locale);
  const t = pool.TimeoutSettings;
  let text = `### ${escapeMarkdown(pool.PoolName ?? pool.PoolId ?? '')}\n\n`;
  text += markdownFields([
    ['Pool ID', pool.PoolId],
    ['ARN', pool.PoolArn],
    ['Region', region],
    ['State', pool.State],
    ['Description', pool.Description],
    ['Bundle', pool.BundleId],
    ['Directory', pool.DirectoryId],
    ['Running mode', pool.RunningMode],
    [
      'Capacity',
      c &&
        `${n(c.ActiveUserSessions)} active, ${n(c.AvailableUserSessions)} available, ` +
          `${n(c.ActualUserSessions)} actual, ${n(c.DesiredUserSessions)} desired`,
    ],
    ['Disconnect timeout', t?.DisconnectTimeoutInSeconds !== undefined ? `${t.DisconnectTimeoutInSeconds} s` : undefined],
    ['Idle disconnect timeout', t?.IdleDisconnectTimeoutInSeconds !== undefined ? `${t.IdleDisconnectTimeoutInSeconds} s` : undefined],
    ['Max user duration', t?.MaxUserDurationInSeconds !== undefined ? `${t.MaxUserDurationInSeconds} s` : undefined],
    ['Created', localDateTime(pool.CreatedAt, options)],
    ['User filter', userFilter === undefined ? undefined : showHidden(userFilter)],
  ]);
  if (pool.Errors?.length) {
    text += '\n\n**Errors:**\n\n';
    text += pool.Errors.map((e) => `- ${escapeMarkdown(`${e.ErrorCode ?? 'ERROR'}: ${e.ErrorMessage ?? ''}`)}`).join('\n');
  }
  return text;
}

export function sessionTooltip(session: WorkspacesPoolSession, now: number = Date.now(), options: LabelOptions = {}): string {
  const start = localDateTime(session.StartTime, options);
  const expiry = localDateTime(session.ExpirationTime, options);
  const userId = session.UserId ?? '';
  return (
    `### ${escapeMarkdown(showHidden(userId))}\n\n` +
    (hasHiddenCharacters(userId) ? `⚠ **${escapeMarkdown(HIDDEN_CHARACTERS_NOTE)}**\n\n` : '') +
    markdownFields([
      ['Session ID', session.SessionId],
      ['Connection', session.ConnectionState],
      ['Instance', session.InstanceId],
      ['ENI', session.NetworkAccessConfiguration?.EniId],
      ['Private IP', session.NetworkAccessConfiguration?.EniPrivateIpAddress],
      ['Authentication', session.AuthenticationType],
      ['Started', start && `${start} (${ago(session.StartTime, now)})`],
      ['Expires', expiry && `${expiry} (${ago(session.ExpirationTime, now)})`],
    ])
  );
}


const KIND_LABELS: Record<ProfileInfo['kind'], string> = {
  static: 'static access keys',
  'assume-role': 'assumed role',
  process: 'credential process',
  sso: 'IAM Identity Center (sso-session)',
  'sso-legacy': 'IAM Identity Center (legacy)',
  'web-identity': 'web identity token',
  other: 'other',
};

export function profileDescription(regions: string[]): string {
  return regions.length === 0 ? 'no region' : regions.length === 1 ? regions[0] : `${regions.length} regions`;
}

export function profileTooltip(info: ProfileInfo, regions: string[]): string {
  return (
    `### ${escapeMarkdown(info.name)}\n\n` +
    markdownFields([
      ['Credentials', KIND_LABELS[info.kind] ?? info.kind],
      ['Regions', regions.join(', ') || 'none (use Select Regions…)'],
      ['Endpoint', info.endpoint ? `${info.endpoint.url} (${info.endpoint.source})` : undefined],
      ['SSO session', info.ssoSession],
    ])
  );
}

const ERROR_TITLES: Record<ErrorDescription['kind'], string> = {
  'sso-login': 'IAM Identity Center sign-in needed',
  credentials: 'Credentials problem',
  throttled: 'Throttled by AWS',
  'not-found': 'Not found',
  'token-expired': 'Page token expired',
  network: 'Network error',
  timeout: 'Request timed out',
  config: 'AWS configuration problem',
  service: 'Service error',
  cancelled: 'Cancelled',
};

/**
 * An error row's label. A config error in a file says the problem first and the file by its name
 * only (the full path is in the tooltip): the sidebar is narrow, and a path would fill it.
 */
export function errorLabel(info: ErrorDescription): string {
  const at = info.location;
  if (!at) return info.message;
  const name = at.file.split(/[\\/]/).pop() || at.file;
  return `${at.line ? `line ${at.line}: ` : ''}${at.reason} (${name})`;
}

/**
 * `ssoProfile`: the profile to sign in with, when signing in fixes the error. The advice names it in
 * words (escaped markdown) and points at the row's own action: no command line with the name in it,
 * which a reader would copy into a shell (a name may hold quotes and control characters), and no
 * code span, inside which markdown shows backslash escapes literally.
 */
export function errorTooltip(info: ErrorDescription, ssoProfile: string | undefined): string {
  const advice =
    ssoProfile
      ? `Click this row to sign in to IAM Identity Center as profile ${escapeMarkdown(ssoProfile)} (it opens the sign-in page in your browser; no AWS CLI needed), then retry.`
      : info.retryable
        ? 'Retry, or see the log for details.'
        : info.location
          ? 'Click this row to open the file at that line.'
          : 'See the log for details.';
  return `**${escapeMarkdown(ERROR_TITLES[info.kind] ?? 'Error')}**\n\n${escapeMarkdown(info.message)}\n\n${advice}`;
}

