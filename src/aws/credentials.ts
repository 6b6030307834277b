// Credentials per profile, resolved on first use and shared by all of that profile's clients (one
// per region), so a credential_process runs, a role is assumed or an SSO token is exchanged once
// per profile rather than once per region.
//
// fromIni() returns a bare provider: every call re-reads the files and resolves again (runs the
// process, calls STS...). We wrap it in the SDK's own memoize(): one resolution shared by
// concurrent callers, never cached on failure, refreshed before `expiration`. Credentials without
// `expiration` (static keys) are kept until forget()/clear(): the files are watched and reset() is
// called when they change.
//
// When to refresh: the SDK's clients treat credentials as expiring 5 minutes before `expiration`
// and then ask the provider again on every request (several times per request). Short-lived
// credentials (a credential_process handing out 1-minute tokens) would then be resolved again on
// every ask, so we refresh at 5 minutes before expiry or halfway through their lifetime, whichever
// comes later: a 1-hour credential is refreshed with 5 minutes left, a 60-second one with 30.
import { fromIni } from '@aws-sdk/credential-providers';
import { memoize } from '@smithy/core/config';
import { FileLocations } from './configFiles';
import { SsoLoginError } from './errors';
import { ProfileInfo } from './profiles';

export type CredentialsProvider = ReturnType<typeof fromIni>;
type Identity = Awaited<ReturnType<CredentialsProvider>>;

const REFRESH_WINDOW_MS = 5 * 60_000;
const obtainedAt = new WeakMap<Identity, number>();

function isExpiring(c: Identity): boolean {
  if (c.expiration === undefined) return false;
  const expires = c.expiration.getTime();
  const lifetime = expires - (obtainedAt.get(c) ?? Date.now());
  return expires - Date.now() < Math.min(REFRESH_WINDOW_MS, lifetime / 2);
}
const canExpire = (c: Identity) => c.expiration !== undefined;

/** Messages of the SSO providers that `aws sso login` fixes (token missing, invalid or expired). */
const SSO_LOGIN_NEEDED = /aws sso login|sso session|sso token|session token not found|token is expired|UnauthorizedException/i;

export class CredentialCache {
  private readonly providers = new Map<string, CredentialsProvider>();

  /**
   * @param fallbackRegion region for the STS/SSO calls of a profile without its own `region`
   *   (the region of the first client that needs these credentials)
   */
  get(profile: ProfileInfo, files: FileLocations, fallbackRegion: string): CredentialsProvider {
    let provider = this.providers.get(profile.name);
    if (!provider) {
      const resolve = fromIni({
        profile: profile.name,
        filepath: files.credentialsPath,
        configFilepath: files.configPath,
        // Re-read the files when (re)resolving: a refresh after an edit must see the edit.
        ignoreCache: true,
        parentClientConfig: { region: profile.region ?? fallbackRegion },
        // IAM Identity Center's portal (and the SDK's token refresh) at the profile's configured
        // endpoint: the SDK would look it up for AWS_PROFILE/default only (see endpoints.ts).
        ...(profile.ssoEndpoints?.portal ? { clientConfig: { endpoint: profile.ssoEndpoints.portal } } : {}),
      });
      const sso = profile.kind === 'sso' || profile.kind === 'sso-legacy';
      provider = memoize(
        async () => {
          try {
            const identity = await resolve();
            obtainedAt.set(identity, Date.now());
            return identity;
          } catch (e) {
            if (sso && looksLikeSsoLogin(e)) throw new SsoLoginError(profile.name, e);
            throw e;
          }
        },
        isExpiring,
        canExpire,
      ) as CredentialsProvider;
      this.providers.set(profile.name, provider);
    }
    return provider;
  }

  /** Drop one profile's credentials, e.g. after AWS rejected them. */
  forget(profile: string): void {
    this.providers.delete(profile);
  }

  clear(): void {
    this.providers.clear();
  }
}

function looksLikeSsoLogin(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { name, message } = e as { name?: string; message?: string };
    if (SSO_LOGIN_NEEDED.test(`${name ?? ''} ${message ?? ''}`)) return true;
  }
  return false;
}
