// The configured endpoint of one profile. The SDK does this lookup itself, but only for
// AWS_PROFILE/default (its getEndpointFromConfig() ignores the client's `profile` option), so a
// tool that shows several profiles side by side must do it per profile and pass `endpoint`.
//
// Order, from the AWS SDKs and Tools Reference Guide, "Service-specific endpoints" (Precedence of
// settings), and as @smithy/core/endpoints implements it (getEndpointUrlConfig: its environment
// selector runs before its config-file selector):
//   0. AWS_IGNORE_CONFIGURED_ENDPOINT_URLS, else the profile's ignore_configured_endpoint_urls:
//      when true, none of the below applies;
//   1. AWS_ENDPOINT_URL_WORKSPACES (service-specific environment variable; _SSO, _SSO_OIDC for IAM Identity Center);
//   2. AWS_ENDPOINT_URL (global environment variable);
//   3. the `workspaces` endpoint_url in the [services NAME] section the profile names;
//   4. the profile's own endpoint_url.
// Both environment variables beat both file settings: the environment is the more specific place.
import { IniData, IniSection } from './configFiles';

/** WorkSpaces' service id is "WorkSpaces": env suffix WORKSPACES, services-section key `workspaces`. */
export const WORKSPACES_ENV = 'AWS_ENDPOINT_URL_WORKSPACES';

/** A service as configured endpoints name it: its environment variable and its key in a [services] section. */
export interface EndpointService {
  env: string;
  key: string;
}
export const WORKSPACES_SERVICE: EndpointService = { env: WORKSPACES_ENV, key: 'workspaces' };
/** IAM Identity Center's portal (service id "SSO": GetRoleCredentials) and its OIDC service (service id "SSO OIDC"). */
export const SSO_SERVICE: EndpointService = { env: 'AWS_ENDPOINT_URL_SSO', key: 'sso' };
export const SSO_OIDC_SERVICE: EndpointService = { env: 'AWS_ENDPOINT_URL_SSO_OIDC', key: 'sso_oidc' };

export interface ResolvedEndpoint {
  url: string;
  /** Where it came from, in words for a tooltip. */
  source: string;
}

export interface EndpointResult {
  endpoint?: ResolvedEndpoint;
  /** Set when the setting exists but cannot be used; the profile then cannot be called. */
  problem?: string;
}

/**
 * @param profile the profile's merged settings as the SDK's config loader sees them (the config
 *   file's values win over the credentials file's)
 * @param configFile the config file as parsed, for its [services ...] sections
 */
export function resolveEndpoint(profile: IniSection, configFile: IniData, env: NodeJS.ProcessEnv, service: EndpointService = WORKSPACES_SERVICE): EndpointResult {
  const ignore = parseIgnore(env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS, 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS');
  if (ignore.problem) return { problem: ignore.problem };
  // Like the SDK's loadConfig: a value set in the environment, even "false", wins over the file.
  let ignored = ignore.value;
  if (ignored === undefined) {
    const fromProfile = parseIgnore(profile.ignore_configured_endpoint_urls, 'ignore_configured_endpoint_urls');
    if (fromProfile.problem) return { problem: fromProfile.problem };
    ignored = fromProfile.value;
  }
  if (ignored) return {};

  const candidates: { url: string | undefined; source: string }[] = [
    { url: env[service.env], source: service.env },
    { url: env.AWS_ENDPOINT_URL, source: 'AWS_ENDPOINT_URL' },
  ];
  const servicesName = profile.services;
  if (servicesName) {
    const section = configFile[`services.${servicesName}`];
    if (!section) {
      return { problem: `it names the services section "${servicesName}", which is not in the config file.` };
    }
    candidates.push({ url: section[`${service.key}.endpoint_url`], source: `[services ${servicesName}] ${service.key} endpoint_url` });
  }
  candidates.push({ url: profile.endpoint_url, source: 'endpoint_url in the profile' });

  for (const { url, source } of candidates) {
    if (!url) continue; // the SDK treats an empty value as unset
    if (!isHttpUrl(url)) return { problem: `${source} is not an http(s) URL.` };
    return { endpoint: { url, source } };
  }
  return {};
}

function parseIgnore(value: string | undefined, name: string): { value?: boolean; problem?: string } {
  if (value === undefined || value === '') return {};
  // The SDK's booleanSelector accepts exactly "true" and "false" and throws on anything else.
  if (value === 'true') return { value: true };
  if (value === 'false') return { value: false };
  return { problem: `${name} must be "true" or "false".` };
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}
