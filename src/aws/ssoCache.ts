// The IAM Identity Center token cache (~/.aws/sso/cache), named and shaped as the AWS CLI v2
// (botocore) and the SDKs read and write it, so that a sign-in here works in the CLI and the other
// way round. No SDK and no `vscode` here: Sign Out uses it without loading dist/aws.js.
//
// - Token file: sha1 of the sso-session's name (an `sso_session` profile) or of the start URL (a
//   legacy `sso_*` profile), hex, `.json` (botocore SSOTokenLoader._generate_cache_key, the SDK's
//   getSSOTokenFilepath). Fields: startUrl, region, accessToken, expiresAt, and for an sso-session
//   also clientId, clientSecret, registrationExpiresAt and refreshToken, which the CLI and the SDK
//   need to refresh the token (`@aws-sdk/token-providers` fromSso checks exactly these keys).
// - Client registration file: botocore's SSOTokenFetcher._registration_cache_key, the sha1 of
//   `json.dumps({tool: 'botocore', startUrl, region, scopes, session_name}, sort_keys=True)` (Python's
//   separators, ASCII escapes), with clientId, clientSecret, expiresAt (and scopes). Sharing it means
//   the CLI and this extension reuse one registration instead of making one each per sign-in.
// - Times are written as the CLI writes them, `YYYY-MM-DDTHH:MM:SSZ` (UTC, RFC 3339).
import { createHash } from 'crypto';
import { promises as fs } from 'fs';
import { dirname, join } from 'path';
import { homeDir, IniData, readSharedFiles } from './configFiles';

/** What a profile signs in to: from its [sso-session] section, or from its own legacy sso_* keys. */
export interface SsoTarget {
  profile: string;
  /** The sso-session's name; undefined for a legacy profile. */
  session?: string;
  startUrl: string;
  /** The region of IAM Identity Center (sso_region). */
  region: string;
  /** sso_registration_scopes, split as the CLI splits it; undefined when not set. */
  scopes?: string[];
}

export interface CachedToken {
  startUrl: string;
  region: string;
  accessToken: string;
  expiresAt: string;
  clientId?: string;
  clientSecret?: string;
  registrationExpiresAt?: string;
  refreshToken?: string;
}

export interface CachedRegistration {
  clientId: string;
  clientSecret: string;
  expiresAt: string;
  scopes?: string[];
}

export class SsoConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SsoConfigError';
  }
}

/**
 * The SSO settings of `profile` as the SDK reads them (the profile's keys from both files, the
 * credentials file's winning, as fromIni merges them; [sso-session] sections from the config file),
 * or an SsoConfigError saying what is missing.
 */
export function ssoTarget(profile: string, files: { configFile: IniData; credentialsFile: IniData }): SsoTarget {
  const { configFile } = files;
  if (!configFile[profile] && !files.credentialsFile[profile]) throw new SsoConfigError(`There is no profile "${profile}" in the AWS files.`);
  const p = { ...configFile[profile], ...files.credentialsFile[profile] };
  if (p.sso_session) {
    const session = p.sso_session;
    const s = configFile[`sso-session.${session}`];
    if (!s) throw new SsoConfigError(`The profile "${profile}" uses the sso-session "${session}", which is not in the AWS config file.`);
    const startUrl = s.sso_start_url;
    const region = s.sso_region;
    if (!startUrl || !region) throw new SsoConfigError(`The sso-session "${session}" needs sso_start_url and sso_region.`);
    const raw = s.sso_registration_scopes;
    return { profile, session, startUrl, region, scopes: raw === undefined ? undefined : raw.split(',').map((x) => x.trim()).filter(Boolean) };
  }
  if (!p.sso_start_url || !p.sso_region) throw new SsoConfigError(`The profile "${profile}" is not an IAM Identity Center profile with sso_start_url and sso_region.`);
  return { profile, startUrl: p.sso_start_url, region: p.sso_region };
}

export function ssoCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(homeDir(env), '.aws', 'sso', 'cache');
}

const sha1 = (text: string) => createHash('sha1').update(text, 'utf8').digest('hex');

/** The token file of a target: sha1 of the session name, or of the start URL for a legacy profile. */
export function tokenPath(target: Pick<SsoTarget, 'session' | 'startUrl'>, env: NodeJS.ProcessEnv = process.env): string {
  return join(ssoCacheDir(env), `${sha1(target.session ?? target.startUrl)}.json`);
}

/** Python's json.dumps(value) with its default separators and ensure_ascii (for botocore's cache key). */
export function pythonJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${pythonJson(k)}: ${pythonJson(v)}`).join(', ')}}`;
  }
  // JSON.stringify escapes what Python escapes (", \, control characters as \n or \u00xx); Python
  // also escapes every non-ASCII UTF-16 unit as \uxxxx.
  return JSON.stringify(value).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The registration file of a target, as botocore names it (sort_keys: the object's order does not matter). */
export function registrationPath(target: SsoTarget, env: NodeJS.ProcessEnv = process.env): string {
  const key = pythonJson({ tool: 'botocore', startUrl: target.startUrl, region: target.region, scopes: target.scopes ?? null, session_name: target.session ?? null });
  return join(ssoCacheDir(env), `${sha1(key)}.json`);
}

/** A time as the CLI writes it: UTC, whole seconds, `Z`. */
export function cacheTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The parsed file, or undefined when it is missing or not a JSON object (the CLI then signs in afresh too). */
export async function readCacheFile<T>(path: string): Promise<Partial<T> | undefined> {
  let text: string;
  try {
    text = await fs.readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Partial<T>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Writes a cache file readable by its owner only (it holds tokens), through a temporary file and a
 * rename, so that the CLI or the SDK never reads half a file.
 */
export async function writeCacheFile(path: string, value: object): Promise<void> {
  await fs.mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}.${Date.now()}.tmp`;
  await fs.writeFile(temp, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
  try {
    await fs.rename(temp, path);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}

/**
 * Sign Out: removes this session's cached token and nothing else. The client registration stays
 * (it is no credential, and the next sign-in reuses it); `aws sso logout` would remove every
 * session's token, which would sign the user out of other profiles too. Returns whether there was one.
 */
export async function removeToken(target: Pick<SsoTarget, 'session' | 'startUrl'>, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  const path = tokenPath(target, env);
  try {
    await fs.unlink(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/** Sign Out of the IAM Identity Center session `profile` uses: its token file goes, nothing else. */
export async function signOutSso(profile: string, env: NodeJS.ProcessEnv = process.env): Promise<{ removed: boolean; target: SsoTarget; tokenFile: string }> {
  const target = ssoTarget(profile, await readSharedFiles(env));
  const removed = await removeToken(target, env);
  return { removed, target, tokenFile: tokenPath(target, env) };
}
