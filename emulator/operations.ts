// The WorkSpaces Pools operations, on wire-shaped input and output.
import { notFound, ServiceError } from './errors';
import { OPERATIONS } from './modelShapes';
import type { PoolState, WirePool, WireSession } from './scenario';
import type { PoolEntry, Store } from './store';
import type { TokenCodec } from './tokens';
import { validateInput } from './validate';

export interface CallContext {
  accountId: string;
  region: string;
  store: Store;
  tokens: TokenCodec;
  /** Moves a pool through a transitional state (STARTING, STOPPING) to its final state later. */
  transition(entry: PoolEntry, via: PoolState, to: PoolState): void;
}

/** Default page sizes: 20 is documented for sessions; for pools we use the maximum, 25. */
export const DEFAULT_SESSION_LIMIT = 20;
export const DEFAULT_POOL_LIMIT = 25;

type Handler = (input: Record<string, unknown>, ctx: CallContext) => Record<string, unknown>;

interface PoolFilter {
  Name: string;
  Operator: 'EQUALS' | 'NOTEQUALS' | 'CONTAINS' | 'NOTCONTAINS';
  Values: string[];
}

function filterMatches(filter: PoolFilter, pool: WirePool): boolean {
  const name = pool.PoolName;
  switch (filter.Operator) {
    case 'EQUALS': return filter.Values.includes(name);
    case 'NOTEQUALS': return !filter.Values.includes(name);
    case 'CONTAINS': return filter.Values.some((v) => name.includes(v));
    case 'NOTCONTAINS': return !filter.Values.some((v) => name.includes(v));
  }
}

const describePools: Handler = (input, ctx) => {
  const poolIds = input.PoolIds as string[] | undefined;
  const filters = (input.Filters as PoolFilter[] | undefined) ?? [];
  const limit = (input.Limit as number | undefined) ?? DEFAULT_POOL_LIMIT;
  let entries = ctx.store.poolList(ctx.accountId, ctx.region);
  if (poolIds) {
    for (const id of poolIds) if (!entries.some((e) => e.pool.PoolId === id)) throw notFound(id, 'The WorkSpaces pool');
    entries = entries.filter((e) => poolIds.includes(e.pool.PoolId));
  }
  entries = entries.filter((e) => filters.every((f) => filterMatches(f, e.pool)));
  const scope = {
    accountId: ctx.accountId,
    region: ctx.region,
    operation: 'DescribeWorkspacesPools',
    query: JSON.stringify([poolIds ? [...poolIds].sort() : null, filters.map((f) => [f.Name, f.Operator, [...f.Values].sort()])]),
  };
  const cursor = typeof input.NextToken === 'string' ? ctx.tokens.decode(input.NextToken, scope) : 0;
  const remaining = entries.filter((e) => e.seq > cursor);
  const page = remaining.slice(0, limit);
  const out: Record<string, unknown> = { WorkspacesPools: page.map((e) => e.pool) };
  if (remaining.length > limit) out.NextToken = ctx.tokens.encode(scope, page[page.length - 1].seq);
  return out;
};

const describeSessions: Handler = (input, ctx) => {
  const poolId = input.PoolId as string;
  const userId = input.UserId as string | undefined;
  const limit = (input.Limit as number | undefined) ?? DEFAULT_SESSION_LIMIT;
  const entry = ctx.store.requirePool(ctx.accountId, ctx.region, poolId);
  const scope = { accountId: ctx.accountId, region: ctx.region, operation: 'DescribeWorkspacesPoolSessions', query: `${poolId}\n${userId ?? ''}` };
  const cursor = typeof input.NextToken === 'string' ? ctx.tokens.decode(input.NextToken, scope) : 0;
  const sessions: WireSession[] = [];
  let lastSeq = cursor;
  let more = false;
  for (let i = entry.indexAfter(cursor); i < entry.sessions.length; i++) {
    const s = entry.sessions[i];
    if (userId !== undefined && s.UserId !== userId) continue;
    if (sessions.length === limit) {
      more = true;
      break;
    }
    sessions.push(s);
    lastSeq = entry.seqs[i];
  }
  const out: Record<string, unknown> = { Sessions: sessions };
  if (more) out.NextToken = ctx.tokens.encode(scope, lastSeq);
  return out;
};

const terminateSession: Handler = (input, ctx) => {
  const sessionId = input.SessionId as string;
  const entry = ctx.store.sessionPool(sessionId);
  if (!entry || entry.accountId !== ctx.accountId || entry.region !== ctx.region) throw notFound(sessionId, 'The session');
  ctx.store.endSession(sessionId);
  return {};
};

const BUSY_STATES: PoolState[] = ['CREATING', 'DELETING', 'STARTING', 'STOPPING', 'UPDATING'];

// "You cannot start a pool unless it has a running mode of AutoStop and a state of STOPPED."
const startPool: Handler = (input, ctx) => {
  const entry = ctx.store.requirePool(ctx.accountId, ctx.region, input.PoolId as string);
  const { State, RunningMode, PoolId } = entry.pool;
  if (RunningMode !== 'AUTO_STOP') {
    throw new ServiceError('OperationNotSupportedException', `The pool ${PoolId} has running mode ${RunningMode}; only AUTO_STOP pools can be started.`, 400, { reason: 'RUNNING_MODE_NOT_SUPPORTED' });
  }
  if (BUSY_STATES.includes(State)) throw new ServiceError('OperationInProgressException', `The pool ${PoolId} is ${State}. Try again in a moment.`);
  if (State !== 'STOPPED') throw new ServiceError('InvalidResourceStateException', `The pool ${PoolId} is ${State}; only a STOPPED pool can be started.`);
  ctx.transition(entry, 'STARTING', 'RUNNING');
  return {};
};

// "You cannot stop a WorkSpace pool unless it has a running mode of AutoStop and a state of
// AVAILABLE, IMPAIRED, UNHEALTHY, or ERROR": those are sub-states of RUNNING in the State enum.
const stopPool: Handler = (input, ctx) => {
  const entry = ctx.store.requirePool(ctx.accountId, ctx.region, input.PoolId as string);
  const { State, RunningMode, PoolId } = entry.pool;
  if (RunningMode !== 'AUTO_STOP') {
    throw new ServiceError('InvalidResourceStateException', `The pool ${PoolId} has running mode ${RunningMode}; only AUTO_STOP pools can be stopped.`);
  }
  if (BUSY_STATES.includes(State)) throw new ServiceError('OperationInProgressException', `The pool ${PoolId} is ${State}. Try again in a moment.`);
  if (State !== 'RUNNING') throw new ServiceError('InvalidResourceStateException', `The pool ${PoolId} is ${State}; only a RUNNING pool can be stopped.`);
  ctx.transition(entry, 'STOPPING', 'STOPPED');
  return {};
};

export const HANDLERS: Record<string, Handler> = {
  DescribeWorkspacesPools: describePools,
  DescribeWorkspacesPoolSessions: describeSessions,
  TerminateWorkspacesPoolSession: terminateSession,
  StartWorkspacesPool: startPool,
  StopWorkspacesPool: stopPool,
};

/** Validates `input` against the operation's input shape, then runs it. */
export function invoke(operation: string, input: unknown, ctx: CallContext): Record<string, unknown> {
  const handler = HANDLERS[operation];
  const spec = OPERATIONS[operation];
  if (!handler || !spec) throw new ServiceError('UnknownOperationException', `Unknown operation ${operation}`);
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new ServiceError('SerializationException', 'Start of structure or map found where not expected.');
  validateInput(spec.input, input);
  return handler(input as Record<string, unknown>, ctx);
}
