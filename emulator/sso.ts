// IAM Identity Center, emulated: the SSO-OIDC operations (RegisterClient, StartDeviceAuthorization,
// CreateToken with the device_code and refresh_token grants) and the portal's GetRoleCredentials,
// both restJson1 on the paths the real services use, so the real SDK clients reach them through a
// configured endpoint (`endpoint_url`, AWS_ENDPOINT_URL_SSO_OIDC / _SSO). The device codes are
// approved or denied by a person on the verification page (/device) or by a test through the
// control API. Credentials from GetRoleCredentials are the emulator's temporary keys, so they sign
// WorkSpaces requests like any others.
//
// Behaviour follows the service (SSO OIDC API reference, RFC 8628): CreateToken answers 400
// AuthorizationPendingException until the code is approved, SlowDownException when polled sooner
// than `interval` after the last poll, AccessDeniedException once denied, ExpiredTokenException
// once the code has expired; a device code gives one token. A refresh token is issued only to a
// client registered with scopes (as the service does: no scopes, no refresh token), and a refresh
// token is used once (rotated).
import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { MAX_BODY_BYTES, readBodyLimited } from './httpBody';
import type { RequestLog, RequestLogEntry } from './requestLog';

export interface SsoSettings {
  /** Seconds a client should wait between CreateToken polls (the service says 1; the RFC's default is 5). */
  intervalSeconds: number;
  /** Lifetime of a device code (the service: 600 s). */
  deviceCodeTtlSeconds: number;
  /** Lifetime of an access token (the service: 1 hour for a device-flow token; 8 hours and more by session settings). */
  accessTokenTtlSeconds: number;
  /** Lifetime of a client registration (the service: 90 days). */
  registrationTtlSeconds: number;
  /** Lifetime of role credentials from GetRoleCredentials. */
  roleCredentialsTtlSeconds: number;
}

export const DEFAULT_SSO_SETTINGS: SsoSettings = {
  intervalSeconds: 1,
  deviceCodeTtlSeconds: 600,
  accessTokenTtlSeconds: 3600,
  registrationTtlSeconds: 90 * 24 * 3600,
  roleCredentialsTtlSeconds: 3600,
};

interface Client { clientId: string; clientSecret: string; clientName: string; scopes: string[]; expiresAt: number }
interface DeviceCode {
  deviceCode: string;
  userCode: string;
  clientId: string;
  startUrl: string;
  expiresAt: number;
  state: 'pending' | 'approved' | 'denied' | 'used';
  lastPollAt?: number;
  /** The interval this client must keep now: the one announced, 5 s more after each slow_down (RFC 8628 3.5). */
  intervalMs: number;
}
interface Grant { startUrl: string; clientId: string; expiresAt: number }

/** A device authorization as the control API shows it (no device code: that is the client's secret). */
export interface PendingAuthorization {
  userCode: string;
  startUrl: string;
  clientName: string;
  state: DeviceCode['state'] | 'expired';
  expiresAt: string;
}

class OidcError extends Error {
  constructor(readonly type: string, readonly status: number, readonly error: string, message: string) {
    super(message);
  }
}

/** The emulated identity center: its state, its HTTP routes, and what the control API changes. */
export class SsoService {
  settings: SsoSettings = { ...DEFAULT_SSO_SETTINGS };
  private readonly clients = new Map<string, Client>();
  private readonly devices = new Map<string, DeviceCode>();
  private readonly accessTokens = new Map<string, Grant>();
  private readonly refreshTokens = new Map<string, Grant>();
  /** The next this many pending polls answer SlowDownException whatever their timing (tests of the client's back-off). */
  private slowDowns = 0;
  private readonly waiters = new Set<() => void>();

  constructor(
    private readonly deps: {
      requestLog: RequestLog;
      /** The account exists (GetRoleCredentials for any other answers 403 ForbiddenException). */
      hasAccount(accountId: string): boolean;
      issueCredentials(accountId: string, ttlSeconds: number): { accessKeyId: string; secretAccessKey: string; sessionToken: string; expiration: Date };
      baseUrl(): string;
    },
  ) {}

  /** Whether this request is one of ours (by method and path). */
  static routes(method: string, path: string): boolean {
    return (method === 'POST' && (path === '/client/register' || path === '/device_authorization' || path === '/token'))
      || (method === 'GET' && path === '/federation/credentials')
      || path === '/device' || path === '/device/decide';
  }

  // --- control ---------------------------------------------------------------------------------

  /** The next `count` CreateToken polls of a pending code answer SlowDownException. */
  slowDownNext(count: number): void {
    this.slowDowns = count;
  }

  /**
   * The pending authorizations, once there is at least one (or after `waitMs`): a test awaits the
   * code the extension started instead of polling for it.
   */
  async awaitPending(waitMs: number, startUrl?: string): Promise<PendingAuthorization[]> {
    const pending = () => this.authorizations().filter((a) => a.state === 'pending' && (startUrl === undefined || a.startUrl === startUrl));
    if (pending().length > 0 || waitMs <= 0) return pending();
    const deadline = Date.now() + waitMs;
    while (pending().length === 0 && Date.now() < deadline) {
      // Woken by every new device authorization (or the deadline); ours may not be the one.
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.waiters.delete(done);
          resolve();
        };
        const timer = setTimeout(done, deadline - Date.now());
        this.waiters.add(done);
      });
    }
    return pending();
  }

  configure(changes: Partial<SsoSettings>): SsoSettings {
    for (const [key, value] of Object.entries(changes)) {
      if (!(key in DEFAULT_SSO_SETTINGS)) throw new Error(`unknown SSO setting ${key} (one of ${Object.keys(DEFAULT_SSO_SETTINGS).join(', ')})`);
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 10 * 365 * 24 * 3600) throw new Error(`${key} must be a number of seconds`);
    }
    this.settings = { ...this.settings, ...changes };
    return this.settings;
  }

  authorizations(): PendingAuthorization[] {
    return [...this.devices.values()].map((d) => ({
      userCode: d.userCode,
      startUrl: d.startUrl,
      clientName: this.clients.get(d.clientId)?.clientName ?? '',
      state: d.state === 'pending' && d.expiresAt <= Date.now() ? 'expired' : d.state,
      expiresAt: new Date(d.expiresAt).toISOString(),
    }));
  }

  /** Approves or denies a pending code; `expire` makes it expire now. Throws for an unknown or settled code. */
  decide(userCode: string, decision: 'approve' | 'deny' | 'expire'): void {
    const device = [...this.devices.values()].find((d) => d.userCode === userCode);
    if (!device) throw new Error(`no device authorization with user code ${JSON.stringify(userCode)}`);
    if (device.state !== 'pending') throw new Error(`the user code ${userCode} is already ${device.state}`);
    if (device.expiresAt <= Date.now()) throw new Error(`the user code ${userCode} has expired`);
    if (decision === 'approve') device.state = 'approved';
    else if (decision === 'deny') device.state = 'denied';
    else device.expiresAt = Date.now();
  }

  /** Makes every access token issued so far expire now (refresh tokens stay valid). */
  expireAccessTokens(): void {
    for (const grant of this.accessTokens.values()) grant.expiresAt = Date.now();
  }

  // --- HTTP ------------------------------------------------------------------------------------

  async handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (path === '/device' || path === '/device/decide') return this.page(req, res, path);
    const started = performance.now();
    const operation = path === '/client/register' ? 'RegisterClient'
      : path === '/device_authorization' ? 'StartDeviceAuthorization'
        : path === '/token' ? 'CreateToken' : 'GetRoleCredentials';
    const entry: RequestLogEntry = {
      seq: this.deps.requestLog.begin(), time: new Date().toISOString(), operation, params: {}, status: 0, durationMs: 0, requestId: randomUUID(),
    };
    const send = (status: number, body: unknown, errorType?: string) => {
      entry.status = status;
      if (errorType) entry.errorType = errorType;
      entry.durationMs = Math.round((performance.now() - started) * 100) / 100;
      this.deps.requestLog.add(entry);
      const text = JSON.stringify(body);
      const headers: Record<string, string | number> = {
        'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), 'x-amzn-RequestId': entry.requestId,
      };
      if (errorType) headers['x-amzn-ErrorType'] = errorType;
      res.writeHead(status, headers);
      res.end(text);
    };
    try {
      const text = await readBodyLimited(req);
      if (text === undefined) throw new OidcError('InvalidRequestException', 400, 'invalid_request', `body larger than ${MAX_BODY_BYTES} bytes`);
      let body: Record<string, unknown> = {};
      if (req.method === 'POST' && text.trim()) {
        try {
          const parsed: unknown = JSON.parse(text);
          if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
        } catch {
          throw new OidcError('InvalidRequestException', 400, 'invalid_request', 'The request body is not valid JSON.');
        }
      }
      const result = operation === 'RegisterClient' ? this.registerClient(body)
        : operation === 'StartDeviceAuthorization' ? this.startDeviceAuthorization(body)
          : operation === 'CreateToken' ? this.createToken(body, entry)
            : this.getRoleCredentials(req, entry);
      send(200, result);
    } catch (error) {
      if (!(error instanceof OidcError)) throw error;
      // The OIDC errors carry `error` / `error_description` (RFC 6749); the portal's carry `message`.
      const body = operation === 'GetRoleCredentials' ? { message: error.message } : { error: error.error, error_description: error.message };
      send(error.status, body, error.type);
    }
  }

  private registerClient(body: Record<string, unknown>): Record<string, unknown> {
    const clientName = requireString(body.clientName, 'clientName');
    if (body.clientType !== 'public') throw new OidcError('InvalidClientMetadataException', 400, 'invalid_client_metadata', 'clientType must be "public".');
    const scopes = Array.isArray(body.scopes) ? body.scopes.filter((s): s is string => typeof s === 'string') : [];
    const now = Math.floor(Date.now() / 1000);
    const client: Client = {
      clientId: `emu-client-${randomBytes(9).toString('base64url')}`,
      clientSecret: `emu-secret-${randomBytes(24).toString('base64url')}`,
      clientName,
      scopes,
      expiresAt: (now + this.settings.registrationTtlSeconds) * 1000,
    };
    this.clients.set(client.clientId, client);
    return { clientId: client.clientId, clientSecret: client.clientSecret, clientIdIssuedAt: now, clientSecretExpiresAt: Math.floor(client.expiresAt / 1000) };
  }

  private client(body: Record<string, unknown>): Client {
    const client = this.clients.get(requireString(body.clientId, 'clientId'));
    if (!client || client.clientSecret !== body.clientSecret) throw new OidcError('InvalidClientException', 401, 'invalid_client', 'Invalid client credentials.');
    if (client.expiresAt <= Date.now()) throw new OidcError('InvalidClientException', 401, 'invalid_client', 'The client registration has expired.');
    return client;
  }

  private startDeviceAuthorization(body: Record<string, unknown>): Record<string, unknown> {
    const client = this.client(body);
    const startUrl = requireString(body.startUrl, 'startUrl');
    const letters = 'BCDFGHJKLMNPQRSTVWXZ';
    const pick = (n: number) => [...randomBytes(n)].map((b) => letters[b % letters.length]).join('');
    const device: DeviceCode = {
      deviceCode: randomBytes(32).toString('base64url'),
      userCode: `${pick(4)}-${pick(4)}`,
      clientId: client.clientId,
      startUrl,
      expiresAt: Date.now() + this.settings.deviceCodeTtlSeconds * 1000,
      state: 'pending',
      intervalMs: this.settings.intervalSeconds * 1000,
    };
    this.devices.set(device.deviceCode, device);
    for (const wake of [...this.waiters]) wake();
    const verificationUri = `${this.deps.baseUrl()}/device`;
    return {
      deviceCode: device.deviceCode,
      userCode: device.userCode,
      verificationUri,
      verificationUriComplete: `${verificationUri}?user_code=${device.userCode}`,
      expiresIn: this.settings.deviceCodeTtlSeconds,
      interval: this.settings.intervalSeconds,
    };
  }

  private createToken(body: Record<string, unknown>, entry: RequestLogEntry): Record<string, unknown> {
    const client = this.client(body);
    const grantType = requireString(body.grantType, 'grantType');
    entry.params = { grantType };
    let startUrl: string;
    if (grantType === 'urn:ietf:params:oauth:grant-type:device_code') {
      const device = this.devices.get(requireString(body.deviceCode, 'deviceCode'));
      if (!device || device.clientId !== client.clientId) throw new OidcError('InvalidGrantException', 400, 'invalid_grant', 'Invalid device code provided.');
      const now = Date.now();
      const last = device.lastPollAt;
      device.lastPollAt = now;
      if (device.state === 'used') throw new OidcError('InvalidGrantException', 400, 'invalid_grant', 'The device code has already been used.');
      if (device.state === 'denied') throw new OidcError('AccessDeniedException', 400, 'access_denied', 'The user denied the authorization request.');
      if (device.expiresAt <= now) throw new OidcError('ExpiredTokenException', 400, 'expired_token', 'The device code has expired.');
      if (device.state === 'pending' || this.slowDowns > 0) {
        // Half a second of slack for timers firing early and the request's own transit.
        const tooSoon = last !== undefined && now - last < device.intervalMs - 500;
        if (tooSoon || this.slowDowns > 0) {
          if (!tooSoon) this.slowDowns--;
          device.intervalMs += 5000;
          throw new OidcError('SlowDownException', 400, 'slow_down', 'Client is polling too quickly.');
        }
        throw new OidcError('AuthorizationPendingException', 400, 'authorization_pending', 'Authorization is still pending.');
      }
      device.state = 'used';
      startUrl = device.startUrl;
    } else if (grantType === 'refresh_token') {
      const token = requireString(body.refreshToken, 'refreshToken');
      const grant = this.refreshTokens.get(token);
      if (!grant || grant.clientId !== client.clientId) throw new OidcError('InvalidGrantException', 400, 'invalid_grant', 'Invalid refresh token provided.');
      this.refreshTokens.delete(token);
      startUrl = grant.startUrl;
    } else {
      throw new OidcError('UnsupportedGrantTypeException', 400, 'unsupported_grant_type', `Unsupported grant type ${grantType}.`);
    }
    const accessToken = `emu-at-${randomBytes(32).toString('base64url')}`;
    this.accessTokens.set(accessToken, { startUrl, clientId: client.clientId, expiresAt: Date.now() + this.settings.accessTokenTtlSeconds * 1000 });
    const out: Record<string, unknown> = { accessToken, tokenType: 'Bearer', expiresIn: this.settings.accessTokenTtlSeconds };
    if (client.scopes.length > 0) {
      const refreshToken = `emu-rt-${randomBytes(32).toString('base64url')}`;
      this.refreshTokens.set(refreshToken, { startUrl, clientId: client.clientId, expiresAt: Number.MAX_SAFE_INTEGER });
      out.refreshToken = refreshToken;
    }
    return out;
  }

  private getRoleCredentials(req: IncomingMessage, entry: RequestLogEntry): Record<string, unknown> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const accountId = url.searchParams.get('account_id') ?? '';
    const roleName = url.searchParams.get('role_name') ?? '';
    entry.accountId = accountId;
    entry.params = { roleName };
    const token = String(req.headers['x-amz-sso_bearer_token'] ?? '');
    const grant = this.accessTokens.get(token);
    if (!grant || grant.expiresAt <= Date.now()) throw new OidcError('UnauthorizedException', 401, '', 'Session token not found or invalid');
    if (!accountId || !roleName) throw new OidcError('InvalidRequestException', 400, '', 'account_id and role_name are required');
    if (!this.deps.hasAccount(accountId)) throw new OidcError('ForbiddenException', 403, '', 'No access');
    const c = this.deps.issueCredentials(accountId, this.settings.roleCredentialsTtlSeconds);
    return { roleCredentials: { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken, expiration: c.expiration.getTime() } };
  }

  /**
   * The verification page a person opens (what `verificationUriComplete` points at): the code and
   * two buttons. Plain HTML, every outside value escaped; the form posts to /device/decide.
   */
  private async page(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let message = '';
    let code = url.searchParams.get('user_code') ?? '';
    if (path === '/device/decide' && req.method === 'POST') {
      const form = new URLSearchParams((await readBodyLimited(req)) ?? '');
      code = form.get('user_code') ?? '';
      // A page of another origin must not decide for the person (the emulator serves loopback only, but a browser visits anything).
      const origin = req.headers.origin;
      if (origin && origin !== this.deps.baseUrl() && origin !== this.deps.baseUrl().replace('127.0.0.1', 'localhost')) {
        res.writeHead(403, { 'Content-Type': 'text/plain' });
        res.end('Cross-origin decisions are refused.');
        return;
      }
      try {
        const decision = form.get('decision') === 'approve' ? 'approve' : 'deny';
        this.decide(code, decision);
        message = decision === 'approve' ? 'Approved. You can close this page and return to the editor.' : 'Denied. The editor will not be signed in.';
      } catch (error) {
        message = error instanceof Error ? error.message : String(error);
      }
    }
    const html = `<!doctype html><meta charset="utf-8"><title>Emulated IAM Identity Center</title>
<body style="font-family: sans-serif; max-width: 36em; margin: 3em auto">
<h1>Emulated IAM Identity Center</h1>
<p>Authorize the request with this code:</p>
<form method="post" action="/device/decide">
<p><input name="user_code" value="${escapeHtml(code)}" style="font-size: 1.5em; letter-spacing: .1em" aria-label="User code"></p>
<p><button name="decision" value="approve">Allow</button> <button name="decision" value="deny">Deny</button></p>
</form>
${message ? `<p role="status">${escapeHtml(message)}</p>` : ''}
</body>`;
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
      'Cache-Control': 'no-store',
    });
    res.end(html);
  }
}

function requireString(value: unknown, name: string): string {
  if (typeof value !== 'string' || !value) throw new OidcError('InvalidRequestException', 400, 'invalid_request', `${name} is required.`);
  return value;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
