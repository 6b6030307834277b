// IAM Identity Center sign-in without the AWS CLI: the OAuth device authorization flow (RFC 8628)
// through the SDK's SSO-OIDC client, as `aws sso login` does it, writing the same cache files
// (ssoCache.ts) so that the profile then works here, in the SDKs and in the CLI alike.
//
// 1. A refresh token in the session's cached token (sso-session profiles only) is tried first:
//    CreateToken with grant_type refresh_token gives a new access token without the browser.
// 2. Otherwise the client registration in the cache is reused while valid (RegisterClient only
//    when there is none or it expires within 15 minutes, botocore's window), StartDeviceAuthorization
//    gives the code the person approves in the browser, and CreateToken is polled every `interval`
//    seconds (5 more after each SlowDownException, RFC 8628 3.5) until it answers a token, or says
//    AccessDeniedException (denied) or ExpiredTokenException (the code expired), or the caller's
//    signal aborts. Nothing is written unless a token was obtained.
// No `vscode` here: the caller shows the code, opens the browser and offers Cancel.
import { CreateTokenCommand, RegisterClientCommand, SSOOIDCClient, StartDeviceAuthorizationCommand } from '@aws-sdk/client-sso-oidc';
import { setTimeout as delay } from 'timers/promises';
import { loadProfileSet } from './profiles';
import {
  cacheTime, readCacheFile, registrationPath, ssoTarget, tokenPath, writeCacheFile,
  type CachedRegistration, type CachedToken, type SsoTarget,
} from './ssoCache';

export interface DeviceCodePrompt {
  userCode: string;
  verificationUri: string;
  /** The page with the code filled in (what the browser should open), when the service gives one. */
  verificationUriComplete?: string;
  expiresAt: Date;
}

export interface SsoSignInOptions {
  log(line: string): void;
  /** Called once with the code to show, before polling starts. */
  onCode(prompt: DeviceCodePrompt): void;
  /** Aborting ends the flow with an AbortError and writes nothing. */
  signal?: AbortSignal;
  /** The AWS files' environment (tests); the token cache is under its HOME. */
  env?: NodeJS.ProcessEnv;
  requestTimeoutMs?: number;
}

export interface SsoSignInResult {
  /** 'refreshed': with the cached refresh token, no browser; 'device': through the device flow. */
  how: 'refreshed' | 'device';
  target: SsoTarget;
  expiresAt: Date;
  tokenFile: string;
}

/** The sign-in ended without a token: the person denied it, the code expired, or the service refused. */
export class SsoSignInError extends Error {
  constructor(readonly reason: 'denied' | 'expired' | 'failed', message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SsoSignInError';
  }
}

const REGISTRATION_WINDOW_MS = 15 * 60_000;
const SLOW_DOWN_SECONDS = 5;
const DEFAULT_INTERVAL_SECONDS = 5;
const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

export async function signInSso(profile: string, options: SsoSignInOptions): Promise<SsoSignInResult> {
  const env = options.env ?? process.env;
  const set = await loadProfileSet(env);
  const info = set.profiles.get(profile);
  const target = ssoTarget(profile, set.files);
  const client = new SSOOIDCClient({
    region: target.region,
    endpoint: info?.ssoEndpoints?.oidc,
    // The endpoint was resolved for this profile (endpoints.ts); the SDK's own lookup would use AWS_PROFILE/default's.
    ignoreConfiguredEndpointUrls: true,
    maxAttempts: 3,
    requestHandler: { requestTimeout: options.requestTimeoutMs ?? 10_000, throwOnRequestTimeout: true, connectionTimeout: 5000 },
  });
  const where = target.session ? `sso-session ${JSON.stringify(target.session)}` : `profile ${JSON.stringify(profile)} (legacy sso_* settings)`;
  try {
    const refreshed = await tryRefresh(client, target, env, options);
    if (refreshed) return refreshed;
    options.log(`sso: device authorization for ${where} in ${target.region}`);
    return await deviceFlow(client, target, env, options);
  } finally {
    client.destroy();
  }
}

async function tryRefresh(client: SSOOIDCClient, target: SsoTarget, env: NodeJS.ProcessEnv, options: SsoSignInOptions): Promise<SsoSignInResult | undefined> {
  // Legacy profiles have no refresh: the CLI and the SDK read only the access token of theirs.
  if (!target.session) return undefined;
  const file = tokenPath(target, env);
  const cached = await readCacheFile<CachedToken>(file);
  if (!cached?.refreshToken || !cached.clientId || !cached.clientSecret) return undefined;
  if (cached.registrationExpiresAt && Date.parse(cached.registrationExpiresAt) <= Date.now()) return undefined;
  try {
    const answer = await client.send(
      new CreateTokenCommand({ clientId: cached.clientId, clientSecret: cached.clientSecret, grantType: 'refresh_token', refreshToken: cached.refreshToken }),
      { abortSignal: options.signal },
    );
    if (!answer.accessToken || answer.expiresIn === undefined) return undefined;
    const expiresAt = new Date(Date.now() + answer.expiresIn * 1000);
    const token: CachedToken = {
      startUrl: target.startUrl,
      region: target.region,
      accessToken: answer.accessToken,
      expiresAt: cacheTime(expiresAt),
      clientId: cached.clientId,
      clientSecret: cached.clientSecret,
      registrationExpiresAt: cached.registrationExpiresAt,
      // The service may rotate the refresh token; keep the old one when it does not send one.
      refreshToken: answer.refreshToken ?? cached.refreshToken,
    };
    await writeCacheFile(file, token);
    options.log(`sso: renewed the token of sso-session ${JSON.stringify(target.session)} with its refresh token`);
    return { how: 'refreshed', target, expiresAt, tokenFile: file };
  } catch (error) {
    if (isAbort(error)) throw error;
    // A refresh token that was revoked or has expired: the device flow takes over.
    options.log(`sso: the refresh token was not accepted (${errorName(error)}); starting the device authorization`);
    return undefined;
  }
}

async function registration(client: SSOOIDCClient, target: SsoTarget, env: NodeJS.ProcessEnv, options: SsoSignInOptions, fresh: boolean): Promise<CachedRegistration> {
  const file = registrationPath(target, env);
  if (!fresh) {
    const cached = await readCacheFile<CachedRegistration>(file);
    if (cached?.clientId && cached.clientSecret && cached.expiresAt && Date.parse(cached.expiresAt) - Date.now() > REGISTRATION_WINDOW_MS) {
      return cached as CachedRegistration;
    }
  }
  const answer = await client.send(
    new RegisterClientCommand({ clientName: `workspaces-pools-explorer-${target.session ?? 'legacy'}`, clientType: 'public', scopes: target.scopes }),
    { abortSignal: options.signal },
  );
  if (!answer.clientId || !answer.clientSecret || answer.clientSecretExpiresAt === undefined) throw new SsoSignInError('failed', 'IAM Identity Center did not register this client (its answer lacked the client id or secret).');
  const reg: CachedRegistration = { clientId: answer.clientId, clientSecret: answer.clientSecret, expiresAt: cacheTime(new Date(answer.clientSecretExpiresAt * 1000)) };
  if (target.scopes?.length) reg.scopes = target.scopes;
  await writeCacheFile(file, reg);
  options.log('sso: registered a client with IAM Identity Center');
  return reg;
}

async function deviceFlow(client: SSOOIDCClient, target: SsoTarget, env: NodeJS.ProcessEnv, options: SsoSignInOptions): Promise<SsoSignInResult> {
  const { signal } = options;
  let reg = await registration(client, target, env, options, false);
  let auth;
  try {
    auth = await client.send(new StartDeviceAuthorizationCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, startUrl: target.startUrl }), { abortSignal: signal });
  } catch (error) {
    // A cached registration the service no longer knows (revoked, or made for another service): register again, once.
    if (errorName(error) !== 'InvalidClientException') throw error;
    reg = await registration(client, target, env, options, true);
    auth = await client.send(new StartDeviceAuthorizationCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, startUrl: target.startUrl }), { abortSignal: signal });
  }
  if (!auth.deviceCode || !auth.userCode || !auth.verificationUri) throw new SsoSignInError('failed', 'IAM Identity Center did not start the device authorization (its answer lacked the code).');
  const expiresAt = new Date(Date.now() + (auth.expiresIn ?? 600) * 1000);
  options.onCode({ userCode: auth.userCode, verificationUri: auth.verificationUri, verificationUriComplete: auth.verificationUriComplete, expiresAt });

  let interval = auth.interval && auth.interval > 0 ? auth.interval : DEFAULT_INTERVAL_SECONDS;
  for (;;) {
    await delay(interval * 1000, undefined, { signal });
    try {
      const answer = await client.send(
        new CreateTokenCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, grantType: DEVICE_GRANT, deviceCode: auth.deviceCode }),
        { abortSignal: signal },
      );
      if (!answer.accessToken || answer.expiresIn === undefined) throw new SsoSignInError('failed', 'IAM Identity Center answered without an access token.');
      const tokenExpires = new Date(Date.now() + answer.expiresIn * 1000);
      const token: CachedToken = { startUrl: target.startUrl, region: target.region, accessToken: answer.accessToken, expiresAt: cacheTime(tokenExpires) };
      if (target.session) {
        token.clientId = reg.clientId;
        token.clientSecret = reg.clientSecret;
        token.registrationExpiresAt = reg.expiresAt;
        if (answer.refreshToken) token.refreshToken = answer.refreshToken;
      }
      const file = tokenPath(target, env);
      await writeCacheFile(file, token);
      options.log(`sso: signed in; the token is valid until ${token.expiresAt}`);
      return { how: 'device', target, expiresAt: tokenExpires, tokenFile: file };
    } catch (error) {
      switch (errorName(error)) {
        case 'AuthorizationPendingException':
          break;
        case 'SlowDownException':
          interval += SLOW_DOWN_SECONDS;
          break;
        case 'AccessDeniedException':
          throw new SsoSignInError('denied', 'The sign-in was denied in the browser.', { cause: error });
        case 'ExpiredTokenException':
          throw new SsoSignInError('expired', 'The sign-in code expired before it was approved.', { cause: error });
        default:
          throw error;
      }
    }
    // A service that never says "expired" must not keep us polling past the code's lifetime.
    if (Date.now() > expiresAt.getTime()) throw new SsoSignInError('expired', 'The sign-in code expired before it was approved.');
  }
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}
