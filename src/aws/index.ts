// Entry of the lazily loaded AWS layer bundle (dist/aws.js): the public API of src/aws. Never
// imports `vscode`; the extension gets these values only through src/aws/lazyGateway.ts.
export { AwsGateway } from './gateway';
export type { AwsGatewayOptions } from './gateway';
export { loadProfiles } from './profiles';
export type { ProfileInfo, ProfileKind } from './profiles';
export { sharedFileLocations } from './configFiles';
export type { FileLocations } from './configFiles';
export { AwsConfigError, DescribedError, SsoLoginError, isAbortError, ssoProfileOf } from './errors';
export { describeError } from './describeError';
export type { ErrorDescription, ErrorKind } from './errors';
export type { SessionsPage, SessionsPageOptions } from './pager';
export { MAX_SESSIONS_PAGE } from './pager';
export { POOL_REGIONS } from './regions';
export type { ResolvedEndpoint } from './endpoints';
export { signInSso, SsoSignInError } from './ssoSignIn';
export type { DeviceCodePrompt, SsoSignInOptions, SsoSignInResult } from './ssoSignIn';
