// Profiles from the shared config and credentials files, with what kind of credentials each uses
// and where its WorkSpaces requests go. No request is made here: this only reads the two files.
import { isRegion } from '../core/regions';
import { IniSection, readSharedFiles, SharedFiles } from './configFiles';
import { ResolvedEndpoint, resolveEndpoint, SSO_OIDC_SERVICE, SSO_SERVICE } from './endpoints';

export type ProfileKind = 'static' | 'assume-role' | 'process' | 'sso' | 'sso-legacy' | 'web-identity' | 'other';

export interface ProfileInfo {
  name: string;
  /** The profile's own `region`, if it sets one. */
  region?: string;
  kind: ProfileKind;
  /** The resolved configured endpoint, if any (see endpoints.ts for the order). */
  endpoint?: ResolvedEndpoint;
  /** For kind 'sso': the [sso-session NAME] it uses. */
  ssoSession?: string;
  /**
   * For kinds 'sso' and 'sso-legacy': the configured endpoints of IAM Identity Center's portal
   * (GetRoleCredentials) and OIDC service (sign-in, token refresh), when set (endpoints.ts).
   */
  ssoEndpoints?: { portal?: string; oidc?: string };
  /**
   * Set when the profile is listed but cannot be used as configured (e.g. it names a [services]
   * section that does not exist). Calls for it fail with an AwsConfigError carrying this text.
   */
  problem?: string;
}

export interface ProfileSet {
  files: SharedFiles;
  profiles: Map<string, ProfileInfo>;
}

/**
 * Every profile in either file, `default` first, then by name. No AWS files at all gives an empty
 * list, not an error (the UI shows a welcome view). A file that cannot be read or parsed throws an
 * AwsConfigError naming the file, the line and what is wrong.
 */
export async function loadProfiles(env: NodeJS.ProcessEnv = process.env): Promise<ProfileInfo[]> {
  return [...(await loadProfileSet(env)).profiles.values()];
}

export async function loadProfileSet(env: NodeJS.ProcessEnv = process.env): Promise<ProfileSet> {
  const files = await readSharedFiles(env);
  const names = new Set<string>();
  for (const key of Object.keys(files.configFile)) {
    // The loader keeps [sso-session X] and [services X] as "sso-session.X" / "services.X";
    // every other key of the config file is a profile.
    if (!key.startsWith('sso-session.') && !key.startsWith('services.')) names.add(key);
  }
  for (const key of Object.keys(files.credentialsFile)) names.add(key);

  const sorted = [...names].sort((a, b) => (a === 'default' ? -1 : b === 'default' ? 1 : a.localeCompare(b)));
  const profiles = new Map<string, ProfileInfo>();
  for (const name of sorted) profiles.set(name, describeProfile(name, files, env));
  return { files, profiles };
}

function describeProfile(name: string, files: SharedFiles, env: NodeJS.ProcessEnv): ProfileInfo {
  const fromConfig = files.configFile[name] ?? {};
  const fromCredentials = files.credentialsFile[name] ?? {};
  // fromIni() merges with the credentials file winning; the SDK's config loader (region,
  // endpoint_url, services, ...) merges with the config file winning. Mirror each.
  const forCredentials: IniSection = { ...fromConfig, ...fromCredentials };
  const forSettings: IniSection = { ...fromCredentials, ...fromConfig };

  const info: ProfileInfo = { name, kind: profileKind(forCredentials) };
  if (forSettings.region) {
    info.region = forSettings.region;
    // A region goes into the endpoint's host name and the signature: calls for a profile whose
    // region is not a region code are refused before any client is made (see gateway.request).
    if (!isRegion(info.region)) info.problem = 'its region in the AWS files is not a region code (regions look like us-east-1).';
  }
  if (info.kind === 'sso' && forCredentials.sso_session) {
    info.ssoSession = forCredentials.sso_session;
    if (!files.configFile[`sso-session.${info.ssoSession}`]) {
      info.problem = `it uses the sso-session "${info.ssoSession}", which is not in ${files.configPath}.`;
    }
  }
  const { endpoint, problem } = resolveEndpoint(forSettings, files.configFile, env);
  if (endpoint) info.endpoint = endpoint;
  if (info.kind === 'sso' || info.kind === 'sso-legacy') {
    const portal = resolveEndpoint(forSettings, files.configFile, env, SSO_SERVICE).endpoint?.url;
    const oidc = resolveEndpoint(forSettings, files.configFile, env, SSO_OIDC_SERVICE).endpoint?.url;
    if (portal || oidc) info.ssoEndpoints = { portal, oidc };
  }
  if (problem) info.problem ??= problem;
  return info;
}

/** The same tests, in the same order, as resolveProfileData() in @aws-sdk/credential-provider-ini. */
export function profileKind(p: IniSection): ProfileKind {
  const isString = (v: unknown) => typeof v === 'string';
  if (isString(p.role_arn) && isString(p.source_profile) !== isString(p.credential_source)) return 'assume-role';
  if (isString(p.aws_access_key_id) && isString(p.aws_secret_access_key)) return 'static';
  if (isString(p.web_identity_token_file) && isString(p.role_arn)) return 'web-identity';
  if (isString(p.credential_process)) return 'process';
  if (isString(p.sso_session)) return 'sso';
  if (isString(p.sso_start_url) || isString(p.sso_account_id) || isString(p.sso_region) || isString(p.sso_role_name)) {
    return 'sso-legacy';
  }
  return 'other';
}

