// Plain JSON control API under /_emulator/ (loopback only, unsigned) mirroring the in-process
// API, for the CLI's users and for tests that run in another process. See README.md.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatedService, NewSession } from './emulatedService';
import { parseFaultSpec } from './faults';
import { MAX_BODY_BYTES, readBodyLimited } from './httpBody';
import { LogTruncatedError } from './requestLog';
import type { ConnectionState, PoolState } from './scenario';

class ControlError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const body = await readBodyLimited(req);
  if (body === undefined) throw new ControlError(413, `body larger than ${MAX_BODY_BYTES} bytes`);
  const text = body.trim();
  if (!text) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ControlError(400, 'body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ControlError(400, 'body must be a JSON object');
  return value as Record<string, unknown>;
}

function str(value: unknown, name: string): string {
  if (typeof value !== 'string' || !value) throw new ControlError(400, `${name} (string) is required`);
  return value;
}

function num(value: unknown, name: string): number {
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) throw new ControlError(400, `${name} (non-negative number) is required`);
  return n;
}

function int(value: unknown, name: string, max: number): number {
  const n = num(value, name);
  if (!Number.isInteger(n) || n > max) throw new ControlError(400, `${name} must be an integer from 0 to ${max}`);
  return n;
}

/** The longest a log question waits for requests in flight. */
const MAX_SETTLE_MS = 60_000;

const CONNECTION_STATES: ConnectionState[] = ['CONNECTED', 'NOT_CONNECTED'];
const POOL_STATES: PoolState[] = ['CREATING', 'DELETING', 'RUNNING', 'STARTING', 'STOPPED', 'STOPPING', 'UPDATING'];

function reviveSession(value: unknown): NewSession {
  if (typeof value !== 'object' || value === null) throw new ControlError(400, 'session (object with UserId) is required');
  const s = value as Record<string, unknown>;
  const out = { ...s, UserId: str(s.UserId, 'session.UserId') } as unknown as NewSession;
  for (const k of ['StartTime', 'ExpirationTime'] as const) {
    const v = s[k];
    if (v === undefined) continue;
    const d = typeof v === 'number' ? new Date(v * 1000) : new Date(String(v));
    if (Number.isNaN(d.getTime())) throw new ControlError(400, `session.${k} must be epoch seconds or ISO 8601`);
    out[k] = d;
  }
  if (out.ConnectionState !== undefined && !CONNECTION_STATES.includes(out.ConnectionState)) throw new ControlError(400, `session.ConnectionState must be one of ${CONNECTION_STATES.join(', ')}`);
  return out;
}

/** The path's segments after /_emulator/, decoded; a malformed %-escape is the caller's mistake. */
function pathSegments(pathname: string): string[] {
  try {
    return pathname.split('/').filter(Boolean).slice(1).map(decodeURIComponent);
  } catch {
    throw new ControlError(400, `malformed %-escape in the path ${JSON.stringify(pathname)}`);
  }
}

export async function handleControl(emulator: EmulatedService, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const method = req.method ?? 'GET';
  const q = (name: string) => url.searchParams.get(name) ?? undefined;
  const send = (status: number, body: unknown) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' });
    res.end(text);
  };
  try {
    const parts = pathSegments(url.pathname);
    const body = method === 'GET' || method === 'HEAD' ? {} : await readJson(req);
    const route = `${method} ${parts[0] ?? ''}${parts.length > 1 ? '/*' : ''}${parts.length > 2 ? `/${parts[2]}` : ''}`;
    switch (route) {
      case 'GET health':
        return send(200, { ok: true, url: emulator.url });
      case 'GET info':
        return send(200, { url: emulator.url, accounts: emulator.accounts, regions: emulator.regions });
      case 'GET log': {
        // since: a sequence number (a `next` from an earlier answer); settle: wait up to that many
        // ms for the requests in flight (from `since` on) to land first.
        const log = emulator.requestLog;
        const op = q('operation');
        const since = q('since') === undefined ? undefined : int(q('since'), 'since', Number.MAX_SAFE_INTEGER);
        const settle = q('settle') === undefined ? undefined : int(q('settle'), 'settle', MAX_SETTLE_MS);
        if (settle) await log.settled(since ?? 0, settle);
        let entries = since === undefined ? log.entries : log.since(since);
        if (op) entries = entries.filter((e) => e.operation === op);
        return send(200, { entries, total: log.entries.length, next: log.next, inFlight: log.inFlightSince(since ?? 0), dropped: log.dropped });
      }
      case 'GET log/*': {
        if (parts[1] !== 'next') throw new ControlError(404, `no such control route: ${method} ${url.pathname}`);
        const log = emulator.requestLog;
        return send(200, { next: log.next, inFlight: log.inFlightSince(0), total: log.entries.length, dropped: log.dropped });
      }
      case 'DELETE log':
        emulator.clearLog();
        return send(200, { ok: true });
      case 'GET faults':
        return send(200, { faults: emulator.listFaults() });
      case 'PUT faults':
      case 'POST faults': {
        const operation = str(body.operation ?? '*', 'operation');
        const spec = body.faults === undefined || body.faults === null ? undefined : parseFaultSpec(body.faults);
        emulator.setFaults(operation, spec);
        return send(200, { faults: emulator.listFaults() });
      }
      case 'DELETE faults':
        emulator.clearFaults();
        return send(200, { faults: {} });
      case 'POST latency':
        emulator.setLatency(num(body.ms, 'ms'));
        return send(200, { ok: true });
      case 'POST clock':
        if (typeof body.offsetMs !== 'number' || !Number.isFinite(body.offsetMs)) throw new ControlError(400, 'offsetMs (number) is required');
        emulator.setClockOffset(body.offsetMs);
        return send(200, { ok: true });
      case 'POST token-ttl':
        emulator.setTokenTtl(num(body.ms, 'ms'));
        return send(200, { ok: true });
      case 'GET pools':
        return send(200, { pools: emulator.pools(str(q('accountId'), 'accountId'), str(q('region'), 'region')) });
      case 'POST pools/*/state': {
        const state = str(body.state, 'state') as PoolState;
        if (!POOL_STATES.includes(state)) throw new ControlError(400, `state must be one of ${POOL_STATES.join(', ')}`);
        emulator.setPoolState(str(body.accountId, 'accountId'), str(body.region, 'region'), parts[1], state);
        return send(200, { ok: true });
      }
      case 'POST settle':
        emulator.settleTransitions();
        return send(200, { ok: true });
      case 'GET sessions':
        return send(200, { sessions: emulator.sessions(str(q('accountId'), 'accountId'), str(q('region'), 'region'), str(q('poolId'), 'poolId')) });
      case 'POST sessions': {
        const session = emulator.addSession(str(body.accountId, 'accountId'), str(body.region, 'region'), str(body.poolId, 'poolId'), reviveSession(body.session));
        return send(200, { session });
      }
      case 'DELETE sessions/*': {
        const ended = emulator.endSession(parts[1]);
        return send(ended ? 200 : 404, { ended });
      }
      case 'POST sessions/*/connection-state': {
        const state = str(body.state, 'state') as ConnectionState;
        if (!CONNECTION_STATES.includes(state)) throw new ControlError(400, `state must be one of ${CONNECTION_STATES.join(', ')}`);
        const changed = emulator.setConnectionState(parts[1], state);
        return send(changed ? 200 : 404, { changed });
      }
      case 'POST revoke':
        emulator.revokeAccessKey(str(body.accessKeyId, 'accessKeyId'));
        return send(200, { ok: true });
      case 'POST read-only': {
        // { accessKeyId, readOnly?: boolean (default true) }: the key may read but not change.
        if (body.readOnly !== undefined && typeof body.readOnly !== 'boolean') throw new ControlError(400, 'readOnly must be a boolean');
        emulator.setKeyReadOnly(str(body.accessKeyId, 'accessKeyId'), body.readOnly !== false);
        return send(200, { readOnly: emulator.readOnlyAccessKeys() });
      }
      case 'GET read-only':
        return send(200, { readOnly: emulator.readOnlyAccessKeys() });
      case 'POST session-credentials': {
        const c = emulator.issueSessionCredentials(str(body.accountId, 'accountId'), num(body.ttlSeconds ?? 3600, 'ttlSeconds'));
        return send(200, { ...c, expiration: c.expiration.toISOString() });
      }
      case 'GET sso': {
        // wait: up to that many ms for a pending device authorization (a test awaits the code the extension started).
        const wait = q('wait') === undefined ? 0 : int(q('wait'), 'wait', MAX_SETTLE_MS);
        const pending = await emulator.sso.awaitPending(wait, q('startUrl'));
        return send(200, { settings: emulator.sso.settings, authorizations: emulator.sso.authorizations(), pending });
      }
      case 'POST sso/*': {
        // approve / deny / expire a device code by its user code; settings; expire-tokens.
        const action = parts[1];
        if (action === 'approve' || action === 'deny' || action === 'expire') emulator.sso.decide(str(body.userCode, 'userCode'), action);
        else if (action === 'settings') emulator.sso.configure(body as Record<string, number>);
        else if (action === 'expire-tokens') emulator.sso.expireAccessTokens();
        else if (action === 'slow-down') emulator.sso.slowDownNext(int(body.count ?? 1, 'count', 100));
        else throw new ControlError(404, `no such control route: ${method} ${url.pathname}`);
        return send(200, { settings: emulator.sso.settings, authorizations: emulator.sso.authorizations() });
      }
      case 'GET aws-files':
        return send(200, emulator.awsFiles());
      default:
        throw new ControlError(404, `no such control route: ${method} ${url.pathname} (see emulator/README.md)`);
    }
  } catch (error) {
    if (error instanceof ControlError) return send(error.status, { error: error.message });
    // 410 Gone: the entries asked for were dropped by the log's bound; an empty answer would lie.
    if (error instanceof LogTruncatedError) return send(410, { error: error.message });
    // Errors from the emulator API (unknown pool, unknown operation...) are the caller's mistake.
    const message = error instanceof Error ? error.message : String(error);
    return send(400, { error: message });
  }
}
