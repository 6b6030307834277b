// Terminating pool sessions: the confirmation's text, one outcome per session, and the tree while it
// happens (the row says it is ending until the service no longer lists it). No `vscode` import: the
// command in src/commands asks for the confirmation and shows the summary; the tests drive this in
// plain Node against the emulator.
import type { ErrorDescription } from '../aws/errors';
import type { Gateway } from '../aws/lazyGateway';
import { sessionKey, type SessionRef } from '../core/session';
import { oneLine } from '../core/text';
import type { ExplorerModel } from './explorerModel';
import type { PoolEntry } from './items';

export const TERMINATE_OPERATION = 'TerminateWorkspacesPoolSession';

/** ended: the service accepted it; gone: it was no longer there (ResourceNotFound); refused: any other error. */
export type TerminateResult = 'ended' | 'gone' | 'refused';

export interface TerminateOutcome {
  ref: SessionRef;
  result: TerminateResult;
  /** Why it was refused (the service's reason, or the IAM action that is missing). */
  reason?: string;
  kind?: ErrorDescription['kind'];
}

export interface ActionsDeps {
  gateway: Pick<Gateway, 'terminateSession' | 'startPool' | 'stopPool' | 'describePool' | 'describeError'>;
  model: ExplorerModel;
  /** One line per action with its outcome (ids and names only, never a credential). */
  log(line: string): void;
  /** Pauses (ms) between the reads that wait for a change to show; the last one repeats up to the bound. */
  pollDelaysMs?: readonly number[];
  /** How many reads at most before giving up waiting. */
  maxPolls?: number;
}

/** How long the tree waits for a terminated session to leave the service's listing: 4 reads over about 7 s. */
const GONE_DELAYS_MS = [0, 1000, 2000, 4000];

/** A modal confirmation: the question, the text under it (one fact a line) and the button that goes ahead. */
export interface Confirmation {
  message: string;
  detail: string;
  button: string;
}

/** Sessions listed by name in the confirmation of many; the rest are counted. */
const LISTED = 15;

function poolLabel(ref: SessionRef, poolName: string | undefined): string {
  return poolName && poolName !== ref.poolId ? `${oneLine(poolName)} (${ref.poolId})` : ref.poolId;
}

/** The confirmation for terminating `refs` (one or several): who, which session, which pool, profile and region. */
export function terminateConfirmation(refs: readonly SessionRef[], poolName: (ref: SessionRef) => string | undefined): Confirmation {
  if (refs.length === 1) {
    const [ref] = refs;
    return {
      message: `Terminate the session of ${oneLine(ref.userId)}?`,
      detail: [
        `User: ${oneLine(ref.userId)}`,
        `Session ID: ${ref.sessionId}`,
        `Pool: ${poolLabel(ref, poolName(ref))}`,
        `Profile: ${oneLine(ref.profile)}`,
        `Region: ${ref.region}`,
        '',
        'The user is disconnected at once and unsaved work in the session is lost.',
      ].join('\n'),
      button: 'Terminate Session',
    };
  }
  const lines = refs
    .slice(0, LISTED)
    .map((ref) => `• ${oneLine(ref.userId)} · ${ref.sessionId} · ${poolLabel(ref, poolName(ref))} · ${oneLine(ref.profile)} · ${ref.region}`);
  if (refs.length > LISTED) lines.push(`…and ${refs.length - LISTED} more`);
  return {
    message: `Terminate ${refs.length} sessions?`,
    detail: [...lines, '', 'Each user is disconnected at once and unsaved work in the session is lost.'].join('\n'),
    button: `Terminate ${refs.length} Sessions`,
  };
}

/** One notification for all outcomes: its level and text. */
export function terminateSummary(outcomes: readonly TerminateOutcome[]): { level: 'info' | 'warning' | 'error'; text: string } {
  const count = (r: TerminateResult) => outcomes.filter((o) => o.result === r).length;
  const ended = count('ended');
  const gone = count('gone');
  const refused = outcomes.filter((o) => o.result === 'refused');
  if (outcomes.length === 1) {
    const [o] = outcomes;
    const who = `The session of ${oneLine(o.ref.userId)}`;
    if (o.result === 'ended') return { level: 'info', text: `${who} was terminated.` };
    if (o.result === 'gone') return { level: 'info', text: `${who} had already ended.` };
    return { level: 'error', text: `${who} was not terminated: ${o.reason ?? 'refused'}` };
  }
  const parts = [`${ended} of ${outcomes.length} sessions terminated`];
  if (gone) parts.push(`${gone} had already ended`);
  if (refused.length) parts.push(`${refused.length} refused`);
  let text = `${parts.join(', ')}.`;
  if (refused.length) {
    // The reasons once each (a missing permission refuses them all alike), with whom they refused.
    const reasons = new Map<string, string[]>();
    for (const o of refused) reasons.set(o.reason ?? 'refused', [...(reasons.get(o.reason ?? 'refused') ?? []), oneLine(o.ref.userId)]);
    text += ' ' + [...reasons].map(([reason, users]) => `${users.join(', ')}: ${reason}`).join(' ');
  }
  return { level: refused.length === outcomes.length ? 'error' : refused.length ? 'warning' : 'info', text };
}

export class SessionActions {
  constructor(private readonly deps: ActionsDeps) {}

  /** The pool the explorer holds for a session, if it listed that pool. */
  poolOf(ref: SessionRef): PoolEntry | undefined {
    return this.deps.model.knownPools().find((p) => p.profile === ref.profile && p.region === ref.region && p.poolId === ref.poolId);
  }

  /** The confirmation for these sessions, with pool names the explorer knows. */
  confirmation(refs: readonly SessionRef[]): Confirmation {
    return terminateConfirmation(refs, (ref) => this.poolOf(ref)?.name);
  }

  /**
   * Terminates each session (requests in parallel, bounded per profile by the AWS layer): one
   * outcome per session, in the order given. `refreshed` settles when the pools involved have been
   * read again until the ended sessions left them (or the reads' bound passed).
   */
  async terminate(refs: readonly SessionRef[]): Promise<{ outcomes: TerminateOutcome[]; refreshed: Promise<void> }> {
    const unique = [...new Map(refs.map((r) => [sessionKey(r), r])).values()];
    const pools = new Map<PoolEntry, SessionRef[]>();
    for (const ref of unique) {
      const pool = this.poolOf(ref);
      if (!pool) continue;
      pools.set(pool, [...(pools.get(pool) ?? []), ref]);
      pool.ending.add(ref.sessionId);
    }
    for (const pool of pools.keys()) this.deps.model.itemChanged(pool);

    const outcomes = await Promise.all(unique.map((ref) => this.terminateOne(ref)));

    // Refused ones are not ending after all; the rest wait for the service to stop listing them.
    const waiting = new Map<PoolEntry, Set<string>>();
    for (const [pool, poolRefs] of pools) {
      const ids = new Set<string>();
      for (const ref of poolRefs) {
        const outcome = outcomes.find((o) => o.ref === ref);
        if (outcome?.result === 'refused') pool.ending.delete(ref.sessionId);
        else ids.add(ref.sessionId);
      }
      if (ids.size) waiting.set(pool, ids);
      else this.deps.model.itemChanged(pool);
    }
    const refreshed = Promise.all([...waiting].map(([pool, ids]) => this.untilGone(pool, ids))).then(() => undefined);
    return { outcomes, refreshed };
  }

  private async terminateOne(ref: SessionRef): Promise<TerminateOutcome> {
    const where = `${TERMINATE_OPERATION} · ${oneLine(ref.profile)} · ${ref.region} · pool ${ref.poolId} · session ${ref.sessionId}`;
    try {
      await this.deps.gateway.terminateSession(ref.profile, ref.region, ref.sessionId);
      this.deps.log(`action: ${where}: ended`);
      return { ref, result: 'ended' };
    } catch (error) {
      const info = this.deps.gateway.describeError(error, ref.profile, TERMINATE_OPERATION);
      if (info.kind === 'not-found') {
        this.deps.log(`action: ${where}: already gone`);
        return { ref, result: 'gone', kind: info.kind };
      }
      this.deps.log(`action: ${where}: refused: ${oneLine(info.message)}`);
      return { ref, result: 'refused', reason: info.message, kind: info.kind };
    }
  }

  /** Reads the pool's sessions again until none of `ids` is listed, or the bound passes. */
  private async untilGone(pool: PoolEntry, ids: Set<string>): Promise<void> {
    const delays = this.deps.pollDelaysMs ?? GONE_DELAYS_MS;
    const max = this.deps.maxPolls ?? delays.length;
    const mine = [...ids];
    try {
      for (let read = 0; read < max; read++) {
        await pause(delays[Math.min(read, delays.length - 1)]);
        await this.deps.model.refreshPool(pool);
        // Not listed means gone, also when the first page no longer holds it (it is not shown either).
        for (const id of [...ids]) if (!pool.sessions.find(id)) ids.delete(id);
        if (ids.size === 0) return;
      }
      this.deps.log(`action: ${TERMINATE_OPERATION} · pool ${pool.poolId}: ${ids.size} terminated session(s) still listed after ${max} reads`);
    } finally {
      for (const id of mine) pool.ending.delete(id);
      this.deps.model.itemChanged(pool);
    }
  }
}

export function pause(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
