// Messages between the session details panel (host) and its page script. Shared by both sides:
// the page bundle imports it as well, so it holds types and plain data only (no `vscode`, no SDK).
// Dates travel as ISO 8601 strings: postMessage serialisation differs between VS Code hosts.
import { isRecord } from '../core/guards';
import type { PoolView, SessionRef, SessionView } from '../core/session';

export type { PoolView, SessionRef, SessionView };

/** Everything the page shows. `session` is the last known state; `status` says how fresh it is. */
export interface DetailsData {
  ref: SessionRef;
  session: SessionView;
  pool?: PoolView;
  account?: string;
  /** ISO 8601: when the session was last read from the service (or from the tree's data). */
  fetchedAt: string;
  /** Which console links the host can open; the host builds the URLs itself. */
  links: { pool: boolean; instance: boolean; eni: boolean };
}

export type DetailsStatus =
  /** `explorer`: the data the tree had already loaded, shown without a request. */
  | { kind: 'fresh'; source?: 'explorer' | 'service' }
  | { kind: 'loading' }
  /** The service no longer knows the session: the data shown is the last known. */
  | { kind: 'gone'; checkedAt: string; message: string }
  /** The last fetch failed: the data shown (if any) is the last known. */
  | { kind: 'error'; message: string; retryable: boolean };

export type CopyField = 'sessionId' | 'userId' | 'instanceId' | 'eniId' | 'eniPrivateIp' | 'poolId' | 'account' | 'json';
export type ConsoleTarget = 'pool' | 'instance' | 'eni';

/**
 * The actions that change AWS, as the host offers them on this page. `terminate`: `offered` (the
 * button shows), `running` (shown, disabled: its confirmation or request is under way) or `hidden`
 * (read-only mode is on, or the session has ended). The host decides; the page only draws it.
 */
export interface PageActions {
  terminate: 'offered' | 'running' | 'hidden';
}

export type HostToPage =
  /** The full state: data (when any is known) and its status. */
  | { type: 'state'; ref: SessionRef; data?: DetailsData; status: DetailsStatus; preview?: boolean; actions?: PageActions }
  /** A short text for the page's live region, e.g. after a copy. */
  | { type: 'notice'; text: string };

export type PageToHost =
  | { type: 'ready' }
  | { type: 'refresh' }
  | { type: 'copy'; field: CopyField }
  | { type: 'openConsole'; target: ConsoleTarget }
  /** "Keep Open" on a preview page: it stops being the page the next click replaces. */
  | { type: 'keepOpen' }
  /**
   * "Terminate Session…": the host runs the explorer's Terminate Session command on the page's own
   * session (its confirmation, outcome and log line). It names nothing: the host knows the session.
   */
  | { type: 'terminate' };

/** What the page keeps with vscode.setState, and the serializer gets back after a reload. */
export interface PageState {
  ref: SessionRef;
  lastData?: DetailsData;
}

const COPY_FIELDS: readonly string[] = ['sessionId', 'userId', 'instanceId', 'eniId', 'eniPrivateIp', 'poolId', 'account', 'json'];
const CONSOLE_TARGETS: readonly string[] = ['pool', 'instance', 'eni'];

/** Messages from the page are untrusted input: the host acts only on ones that check out. */
export function parsePageMessage(value: unknown): PageToHost | undefined {
  if (!isRecord(value) || typeof value.type !== 'string') return undefined;
  switch (value.type) {
    case 'ready':
    case 'refresh':
    case 'keepOpen':
    case 'terminate':
      return { type: value.type };
    case 'copy':
      return typeof value.field === 'string' && COPY_FIELDS.includes(value.field)
        ? { type: 'copy', field: value.field as CopyField }
        : undefined;
    case 'openConsole':
      return typeof value.target === 'string' && CONSOLE_TARGETS.includes(value.target)
        ? { type: 'openConsole', target: value.target as ConsoleTarget }
        : undefined;
    default:
      return undefined;
  }
}
