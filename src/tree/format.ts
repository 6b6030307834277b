// Text shown for pools and sessions. No `vscode` import, so it is unit-tested in plain Node.
// Everything that comes from AWS is untrusted: it may hold markdown, HTML, `$(icon)` syntax or
// control characters, and must be shown literally.
import type { WorkspacesPool, WorkspacesPoolSession } from '@aws-sdk/client-workspaces';

/** Backslash-escapes every ASCII punctuation character (CommonMark allows it for all of them). */
export function escapeMarkdown(text: string): string {
  return oneLine(text).replace(/[\\`*_{}[\]()#+\-.!|<>&~"'=:;,/?@$%^]/g, '\\$&');
}

/** Quick pick labels, status bar texts and the like render `$(name)` as an icon: break that syntax. */
export function escapeIcons(text: string): string {
  return oneLine(text).replace(/\$\(/g, '$\u200b(');
}

/** Control characters (newlines included) would break the one-line layout of rows. */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ');
}

/**
 * The characters that end the bidi embeddings, overrides and isolates `text` leaves open. A user id
 * holding U+202E (right-to-left override) is shown as it is, but VS Code renders a row's label and
 * description in one paragraph: without these in front of the description, the override would
 * reverse the description too ("CONNECTED · 2h ago" read backwards).
 */
export function bidiClosers(text: string): string {
  let embeddings = 0;
  let isolates = 0;
  for (const ch of text) {
    if (ch >= '\u202a' && ch <= '\u202e' && ch !== '\u202c') embeddings++;
    else if (ch === '\u202c') embeddings = Math.max(0, embeddings - 1);
    else if (ch >= '\u2066' && ch <= '\u2068') isolates++;
    else if (ch === '\u2069') isolates = Math.max(0, isolates - 1);
  }
  return '\u2069'.repeat(isolates) + '\u202c'.repeat(embeddings);
}

export function relativeTime(date: Date | undefined, now: number = Date.now()): string {
  if (!date || Number.isNaN(date.getTime())) return '';
  const seconds = Math.round((now - date.getTime()) / 1000);
  const future = seconds < 0;
  const abs = Math.abs(seconds);
  let text: string;
  if (abs < 45) return 'just now';
  if (abs < 3600) text = `${Math.max(1, Math.round(abs / 60))}m`;
  else if (abs < 86400) text = `${Math.round(abs / 3600)}h`;
  else text = `${Math.round(abs / 86400)}d`;
  return future ? `in ${text}` : `${text} ago`;
}

export function poolDescription(pool: WorkspacesPool, userFilter?: string): string {
  const parts = [pool.State ?? 'UNKNOWN'];
  const capacity = pool.CapacityStatus;
  if (capacity) parts.push(`${capacity.ActiveUserSessions ?? 0} active / ${capacity.DesiredUserSessions ?? 0}`);
  if (pool.Errors?.length) parts.push(`${pool.Errors.length} error${pool.Errors.length === 1 ? '' : 's'}`);
  if (userFilter) parts.push(`user: ${oneLine(userFilter)}`);
  return parts.join(' · ');
}

export function sessionDescription(session: WorkspacesPoolSession, now: number = Date.now()): string {
  const parts = [session.ConnectionState ?? 'UNKNOWN'];
  const started = relativeTime(session.StartTime, now);
  if (started) parts.push(started);
  return parts.join(' · ');
}

function isoDate(date: Date | undefined): string | undefined {
  return date && !Number.isNaN(date.getTime()) ? date.toISOString() : undefined;
}

/** Markdown lines `**Label:** value`, values escaped, empty values left out. */
export function markdownFields(fields: [string, string | number | undefined][]): string {
  return fields
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([label, value]) => `**${label}:** ${escapeMarkdown(String(value))}`)
    .join('  \n');
}

export function poolTooltip(pool: WorkspacesPool, region: string, userFilter?: string): string {
  const c = pool.CapacityStatus;
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
        `${c.ActiveUserSessions ?? 0} active, ${c.AvailableUserSessions ?? 0} available, ` +
          `${c.ActualUserSessions ?? 0} actual, ${c.DesiredUserSessions ?? 0} desired`,
    ],
    ['Disconnect timeout', t?.DisconnectTimeoutInSeconds !== undefined ? `${t.DisconnectTimeoutInSeconds} s` : undefined],
    ['Idle disconnect timeout', t?.IdleDisconnectTimeoutInSeconds !== undefined ? `${t.IdleDisconnectTimeoutInSeconds} s` : undefined],
    ['Max user duration', t?.MaxUserDurationInSeconds !== undefined ? `${t.MaxUserDurationInSeconds} s` : undefined],
    ['Created', isoDate(pool.CreatedAt)],
    ['User filter', userFilter],
  ]);
  if (pool.Errors?.length) {
    text += '\n\n**Errors:**\n\n';
    text += pool.Errors.map((e) => `- ${escapeMarkdown(`${e.ErrorCode ?? 'ERROR'}: ${e.ErrorMessage ?? ''}`)}`).join('\n');
  }
  return text;
}

export function sessionTooltip(session: WorkspacesPoolSession, now: number = Date.now()): string {
  const start = isoDate(session.StartTime);
  const expiry = isoDate(session.ExpirationTime);
  return (
    `### ${escapeMarkdown(session.UserId ?? '')}\n\n` +
    markdownFields([
      ['Session ID', session.SessionId],
      ['Connection', session.ConnectionState],
      ['Instance', session.InstanceId],
      ['ENI', session.NetworkAccessConfiguration?.EniId],
      ['Private IP', session.NetworkAccessConfiguration?.EniPrivateIpAddress],
      ['Authentication', session.AuthenticationType],
      ['Started', start && `${start} (${relativeTime(session.StartTime, now)})`],
      ['Expires', expiry && `${expiry} (${relativeTime(session.ExpirationTime, now)})`],
    ])
  );
}

/** The session as the API returns it; dates become ISO strings (Date.toJSON). */
export function sessionJson(session: WorkspacesPoolSession): string {
  return JSON.stringify(session, null, 2);
}
