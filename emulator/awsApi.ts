// The AWS API path (`POST /`, awsJson1_1): one request through routing, SigV4 verification, the
// injected faults and the operation, logged once, answered as the service answers.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ServiceError } from './errors';
import type { Faults } from './faults';
import { readBodyLimited } from './httpBody';
import { SERVICE } from './modelShapes';
import { HANDLERS, invoke, type CallContext } from './operations';
import { loggableParams, type RequestLog, type RequestLogEntry } from './requestLog';
import type { SigV4Verifier } from './sigv4';
import type { Store } from './store';
import type { TokenCodec } from './tokens';
import type { PoolTransitions } from './transitions';

/** What a request may read and change: the emulated service's parts. */
export interface AwsApiContext {
  store: Store;
  tokens: TokenCodec;
  faults: Faults;
  verifier: SigV4Verifier;
  requestLog: RequestLog;
  transitions: PoolTransitions;
  /** The base latency now (it changes while the emulator runs). */
  latencyMs(): number;
  serviceTime(): number;
  /** May requests signed with this key only read (EmulatedService.setKeyReadOnly)? */
  isReadOnly(accessKeyId: string): boolean;
}

/** What a read-only key may still call: the operations that change nothing. */
const READ_OPERATIONS = /^Describe/;

/** The service's refusal of an action the caller's policy does not allow. */
function accessDenied(accountId: string, operation: string): ServiceError {
  return new ServiceError('AccessDeniedException',
    `User: arn:aws:iam::${accountId}:user/emulator is not authorized to perform: workspaces:${operation} because no identity-based policy allows the workspaces:${operation} action`);
}

const JSON_TYPES = new Set(['application/x-amz-json-1.1', 'application/x-amz-json-1.0']);

/** An awsJson1_1 answer; the Date header is the service's clock (the SDK corrects its own from it). */
export function sendAwsJson(res: ServerResponse, status: number, body: unknown, requestId: string, serviceTime: number, errorType?: string): void {
  const text = JSON.stringify(body);
  const headers: Record<string, string | number> = {
    'Content-Type': 'application/x-amz-json-1.1',
    'Content-Length': Buffer.byteLength(text),
    'x-amzn-RequestId': requestId,
    Date: new Date(serviceTime).toUTCString(),
  };
  if (errorType) headers['x-amzn-ErrorType'] = errorType;
  res.writeHead(status, headers);
  res.end(text);
}

/**
 * Answers one request. It is in the log's in-flight count from its arrival until it is answered
 * (or dropped, or left hanging by a fault), and in the log from then on, whatever happened to it.
 */
export async function handleAwsRequest(ctx: AwsApiContext, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  const started = performance.now();
  const target = String(req.headers['x-amz-target'] ?? '');
  const prefix = `${SERVICE.targetPrefix}.`;
  const entry: RequestLogEntry = {
    seq: ctx.requestLog.begin(),
    time: new Date().toISOString(),
    operation: target.startsWith(prefix) ? target.slice(prefix.length) : target || '(none)',
    params: {},
    status: 0,
    durationMs: 0,
    requestId: randomUUID(),
  };
  let logged = false;
  const log = () => {
    entry.durationMs = Math.round((performance.now() - started) * 100) / 100;
    ctx.requestLog.add(entry);
    logged = true;
  };
  try {
    await pipeline(ctx, req, res, path, entry, log);
  } catch (error) {
    // The server answers 500 (or cuts the connection); the log still shows the request.
    if (!logged) {
      entry.status = 500;
      entry.errorType = 'InternalFailure';
      log();
    }
    throw error;
  } finally {
    ctx.requestLog.end(entry.seq);
  }
}

async function pipeline(ctx: AwsApiContext, req: IncomingMessage, res: ServerResponse, path: string, entry: RequestLogEntry, log: () => void): Promise<void> {
  const { requestId, operation } = entry;
  const target = String(req.headers['x-amz-target'] ?? '');
  const prefix = `${SERVICE.targetPrefix}.`;
  const finish = (status: number, body: unknown, errorType?: string) => {
    entry.status = status;
    if (errorType) entry.errorType = errorType;
    log();
    sendAwsJson(res, status, body, requestId, ctx.serviceTime(), errorType);
  };
  const fail = (error: ServiceError) => finish(error.status, { __type: error.type, message: error.message, ...error.extra }, error.type);

  const body = await readBodyLimited(req);
  if (body === undefined) return fail(new ServiceError('SerializationException', 'Request body too large.', 413));
  // Coral services route on method, path and content type before anything else; what they
  // answer for a request they cannot route is 404 UnknownOperationException.
  const contentType = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (req.method !== 'POST' || path !== '/' || !JSON_TYPES.has(contentType)) {
    entry.operation = '(unroutable)';
    return fail(new ServiceError('UnknownOperationException', 'The request could not be routed: POST / with Content-Type application/x-amz-json-1.1 expected.', 404));
  }
  if (!target.startsWith(prefix) || !HANDLERS[operation]) {
    return fail(new ServiceError('UnknownOperationException', `Unknown operation ${target || '(no X-Amz-Target)'}`));
  }
  let verified;
  try {
    verified = await ctx.verifier.verify('POST', path, req.headers, body);
  } catch (error) {
    if (error instanceof ServiceError) return fail(error);
    throw error;
  }
  entry.accountId = verified.accountId;
  entry.region = verified.region;
  let input: unknown;
  try {
    input = body.length === 0 ? {} : JSON.parse(body);
  } catch {
    return fail(new ServiceError('SerializationException', 'The request body is not valid JSON.'));
  }
  entry.params = loggableParams(input);

  const spec = ctx.faults.effective(operation, verified.region);
  const delay = ctx.faults.delayMs(spec, ctx.latencyMs());
  if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
  const outcome = ctx.faults.roll(spec);
  switch (outcome.kind) {
    case 'drop':
      entry.fault = 'drop';
      log();
      req.socket.destroy();
      return;
    case 'timeout':
      // Never answered; the client's timeout (or stop()) ends it.
      entry.fault = 'timeout';
      log();
      return;
    case 'access-denied':
      entry.fault = 'access-denied';
      return fail(accessDenied(verified.accountId, operation));
    case 'throttle':
      entry.fault = 'throttle';
      return fail(new ServiceError('ThrottlingException', 'Rate exceeded'));
    case 'server-error':
      entry.fault = 'server-error';
      return fail(outcome.status === 500
        ? new ServiceError('InternalFailure', 'The request processing has failed because of an unknown error, exception or failure.', 500)
        : new ServiceError('ServiceUnavailable', 'The service is unavailable. Please try again later.', 503));
    case 'none':
      break;
  }

  // After the faults (a throttled request is throttled whoever signed it), before the operation:
  // IAM refuses before the service looks at the input.
  if (!READ_OPERATIONS.test(operation) && ctx.isReadOnly(verified.accessKeyId)) return fail(accessDenied(verified.accountId, operation));

  const call: CallContext = {
    accountId: verified.accountId,
    region: verified.region,
    store: ctx.store,
    tokens: ctx.tokens,
    transition: (e, via, to) => ctx.transitions.start(e, via, to),
  };
  let result: Record<string, unknown>;
  try {
    result = invoke(operation, input, call);
  } catch (error) {
    if (error instanceof ServiceError) return fail(error);
    throw error;
  }
  finish(200, result);
}
