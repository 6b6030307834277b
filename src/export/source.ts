// What an export reads: a source of session pages. The export writes each page as it arrives and
// keeps none, so a source must not collect its sessions either. No `vscode` import.
//
// - poolSource: every page of one pool through the AWS layer (all of it, not what the tree has
//   loaded; the tree's paging state is not touched, so an export changes nothing in the view);
// - listSource: sessions already known (e.g. the results of a search), in pages of its own.
import type { WorkspacesPoolSession } from '@aws-sdk/client-workspaces';
import type { Gateway } from '../aws/lazyGateway';

/** The service's largest page (DescribeWorkspacesPoolSessions `Limit` 1-50): fewest requests. (src/aws/pager.ts has the same bound, but imports the SDK.) */
export const EXPORT_PAGE = 50;

/** One exported session and where it is: the API answers for one profile and region, so it does not say. */
export interface SessionRecord {
  profile: string;
  region: string;
  session: WorkspacesPoolSession;
}

export interface ExportSource {
  /** What is exported, in words for the progress and the messages: "pool Sales (acme-prod, us-east-1)". */
  readonly label: string;
  /** A file name without extension for the save dialog (only letters, digits, `-`, `_`, `.`). */
  readonly suggestedFileName: string;
  /** The profile whose requests the export sends, if one: errors name it (and offer its sign-in). */
  readonly profile?: string;
  /** How many sessions there are, when known before reading (the progress shows "n of total"). */
  readonly total?: number;
  /** The pages, in order; the signal aborts the request in flight. */
  pages(signal: AbortSignal): AsyncIterable<readonly SessionRecord[]>;
}

export interface PoolToExport {
  profile: string;
  region: string;
  poolId: string;
  /** The pool's name (its id when it has none). */
  name: string;
  /** The pool's user filter: an export of a filtered pool holds that user's sessions only. */
  userId?: string;
}

/** Every session of a pool, page by page through the gateway (Limit 50: ⌈N/50⌉ requests). */
export function poolSource(gateway: Pick<Gateway, 'pageSessions'>, pool: PoolToExport): ExportSource {
  const where = `${pool.profile}, ${pool.region}`;
  return {
    label: pool.userId !== undefined ? `pool ${pool.name} (${where}), user ${pool.userId}` : `pool ${pool.name} (${where})`,
    suggestedFileName: fileName(['sessions', pool.name, pool.userId, today()]),
    profile: pool.profile,
    async *pages(signal) {
      const options = { limit: EXPORT_PAGE, signal, ...(pool.userId !== undefined ? { userId: pool.userId } : {}) };
      for await (const page of gateway.pageSessions(pool.profile, pool.region, pool.poolId, options)) {
        yield page.sessions.map((session) => ({ profile: pool.profile, region: pool.region, session }));
      }
    },
  };
}

/** Sessions already known (search results): no request; yielded in pages of `pageSize`. */
export function listSource(label: string, records: readonly SessionRecord[], suggestedName = 'sessions', pageSize = EXPORT_PAGE): ExportSource {
  return {
    label,
    suggestedFileName: fileName([suggestedName, today()]),
    total: records.length,
    async *pages(signal) {
      for (let i = 0; i < records.length; i += pageSize) {
        signal.throwIfAborted();
        yield records.slice(i, i + pageSize);
      }
    },
  };
}

/** `YYYY-MM-DD` (UTC) for file names. */
function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * A safe file name from outside strings (pool names, user ids): anything but letters, digits, `-`,
 * `_` and `.` becomes `_`, no leading dot or dash, bounded length. The user can still type any name.
 */
export function fileName(parts: (string | undefined)[]): string {
  const joined = parts
    .filter((p): p is string => p !== undefined && p !== '')
    .map((p) => p.replace(/[^A-Za-z0-9_.-]+/g, '_'))
    .join('-')
    .replace(/^[._-]+/, '');
  return joined.slice(0, 120) || 'sessions';
}
