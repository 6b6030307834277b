// What went wrong, in words a help-desk administrator can act on. Every error that leaves the AWS
// layer goes through describeError() before the UI shows it; messages never carry a key, token or
// signature (raw SDK messages are used only where they come from the service itself). A bundle of its
// own in the extension, dist/describeError.js, loaded on the first error shown (src/aws/lazyGateway.ts):
// no view needs it before.
import { AwsConfigError, chain, profilePhrase, seconds, ssoProfileOf, type DescribedError, type ErrorDescription } from './errors';

const THROTTLING = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
]);
const AUTH = new Set([
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'InvalidClientTokenId',
  'IncompleteSignature',
  'MissingAuthenticationToken',
  'AuthFailure',
]);
const EXPIRED = new Set(['ExpiredTokenException', 'ExpiredToken', 'RequestExpired', 'TokenRefreshRequired']);
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNABORTED',
  'ERR_SOCKET_CONNECTION_TIMEOUT',
]);
const SSO_HINT = /aws sso login|sso session|sso token|session token not found|UnauthorizedException/i;

/** IAM's own wording of a denial names the action: `... not authorized to perform: workspaces:X ...`. */
const DENIED_ACTION = /not authorized to perform:?\s+(workspaces:[A-Za-z]+)/;

/**
 * `profile`: the profile the failed call was for; '' or undefined when the caller does not know it
 * (the messages then say "the profile in use", or the profile an SsoLoginError names).
 * `operation`: the API call that failed, when the caller knows it: an access denial then names the
 * IAM action to ask for (`workspaces:<operation>`).
 */
export function describeError(error: unknown, profile?: string, operation?: string): ErrorDescription {
  const links = chain(error);
  const described = error as Partial<DescribedError> | undefined;
  if (described?.name === 'DescribedError' && described.description && typeof described.message === 'string') {
    return { ...described.description, message: described.message };
  }
  const known = profile || ssoProfileOf(error) || '';
  const top = links[0] ?? { message: String(error) };
  const name = top.name ?? '';
  const status = top.$metadata?.httpStatusCode;
  const serviceMessage = (top.message ?? '').trim();
  const p = profilePhrase(known);

  if (name === 'AbortError' || links.some((l) => l.name === 'AbortError')) {
    return { kind: 'cancelled', message: 'Cancelled.', retryable: true };
  }
  if (name === 'CallDeadlineError') {
    const ms = (top as { deadlineMs?: unknown }).deadlineMs;
    const within = typeof ms === 'number' && Number.isFinite(ms) ? ` within ${seconds(ms)} s` : ' in time';
    return { kind: 'timeout', message: `AWS did not answer${within}. Retry, or check your network.`, retryable: true };
  }
  if (error instanceof AwsConfigError || name === 'AwsConfigError') {
    const { file, line, reason } = top as Partial<AwsConfigError>;
    const location =
      typeof file === 'string' && file && typeof reason === 'string'
        ? { file, reason, line: typeof line === 'number' && Number.isInteger(line) && line > 0 ? line : undefined }
        : undefined;
    return { kind: 'config', message: serviceMessage, retryable: false, ...(location && { location }) };
  }
  if (
    name === 'SsoLoginError' ||
    ((name === 'CredentialsProviderError' || name === 'TokenProviderError') &&
      links.some((l) => SSO_HINT.test(`${l.name ?? ''} ${l.message ?? ''}`)))
  ) {
    return {
      kind: 'sso-login',
      // No command line with the name in it: a name may hold quotes and control characters that a
      // shell would run (the Sign In command signs in by itself, no CLI involved).
      message: `The IAM Identity Center sign-in for ${p} is missing or has expired. Sign in (command "Sign In with IAM Identity Center"), then retry.`,
      retryable: false,
    };
  }
  if (name === 'CredentialsProviderError' || name === 'TokenProviderError') {
    return { ...describeCredentialsProblem(serviceMessage, known), retryable: false };
  }
  if (name === 'PagingLoopError') {
    return { kind: 'service', message: 'The service handed back a page token twice, so listing stopped. Refresh to start over.', retryable: false };
  }
  if (EXPIRED.has(name)) {
    return {
      kind: 'credentials',
      message: `The credentials of ${p} have expired. Refresh them (or sign in again) and retry.`,
      retryable: false,
    };
  }
  if (AUTH.has(name)) {
    return {
      kind: 'credentials',
      message: `AWS did not accept the credentials of ${p} (${name}). Check the access key in your AWS files.`,
      retryable: false,
    };
  }
  if (name === 'AccessDeniedException' || name === 'AccessDenied' || (status === 403 && !name.endsWith('Exception'))) {
    // The action from the caller, else from the service's message (only its `workspaces:Name` part:
    // the rest of that message holds the caller's ARN, which the notification need not repeat).
    const action = operation && /^[A-Za-z]+$/.test(operation) ? `workspaces:${operation}` : DENIED_ACTION.exec(serviceMessage)?.[1];
    if (action && !/^workspaces:Describe/.test(action)) {
      return {
        kind: 'credentials',
        message: `${capital(p)} is not allowed to do this (access denied): its IAM policy lacks ${action}. Ask your AWS administrator for that permission.`,
        retryable: false,
      };
    }
    return {
      kind: 'credentials',
      message: `${capital(p)} is not allowed to do this (access denied). Ask for WorkSpaces read permissions.`,
      retryable: false,
    };
  }
  if (THROTTLING.has(name) || status === 429) {
    return { kind: 'throttled', message: 'AWS is throttling requests. Wait a moment and retry.', retryable: true };
  }
  if (name === 'InvalidParameterValuesException' && /next\s*token/i.test(serviceMessage)) {
    return {
      kind: 'token-expired',
      message: 'The list changed or its page token expired. Start over from the first page.',
      retryable: false,
    };
  }
  if (name === 'ResourceNotFoundException' || status === 404) {
    return {
      kind: 'not-found',
      message: serviceMessage ? `Not found: ${serviceMessage}` : 'Not found: it may have been deleted.',
      retryable: false,
    };
  }
  // Before timeouts: the Node handler renames ECONNRESET/EPIPE errors to TimeoutError.
  const networkCode = links.find((l) => l.code && NETWORK_CODES.has(l.code))?.code;
  if (networkCode || /socket hang up|network error|connect ECONN/i.test(serviceMessage)) {
    return {
      kind: 'network',
      message: `Could not reach the WorkSpaces endpoint${networkCode ? ` (${networkCode})` : ''}. Check your network, proxy or endpoint_url.`,
      retryable: true,
    };
  }
  if (
    name === 'TimeoutError' ||
    name === 'RequestTimeout' ||
    name === 'RequestTimeoutException' ||
    links.some((l) => l.code === 'ETIMEDOUT')
  ) {
    return { kind: 'timeout', message: 'AWS did not answer in time. Retry, or check your network.', retryable: true };
  }
  if (status !== undefined && status >= 500) {
    return {
      kind: 'service',
      message: `AWS had an internal problem (${name || `HTTP ${status}`}). Retry in a moment.`,
      retryable: true,
    };
  }
  if (status !== undefined) {
    // A service answer: its own message is the most precise thing we can show.
    return {
      kind: 'service',
      message: `${name || `HTTP ${status}`}${serviceMessage && serviceMessage !== 'UnknownError' ? `: ${serviceMessage}` : ''}`,
      retryable: false,
    };
  }
  return {
    kind: 'service',
    message: `Unexpected error${name && name !== 'Error' ? ` (${name})` : ''}: ${serviceMessage || 'no details'}`,
    retryable: false,
  };
}

/** Credential-provider failures, re-worded; their raw text can quote a credential_process command line. */
function describeCredentialsProblem(message: string, profile: string): Omit<ErrorDescription, 'retryable'> {
  const p = profilePhrase(profile);
  if (/Could not resolve credentials|not configured with|could not be found|was not found/i.test(message)) {
    return {
      kind: 'config',
      message: `${capital(p)} has no credentials the AWS SDK can use. Add keys, a role, a credential_process or an SSO configuration.`,
    };
  }
  if (/multi-factor|MFA/i.test(message)) {
    return { kind: 'credentials', message: `${capital(p)} needs an MFA code, which this extension cannot ask for.` };
  }
  if (/credential_process|Command failed/i.test(message)) {
    return {
      kind: 'credentials',
      message: `The credential_process of ${p} failed or printed something unusable. Run it in a terminal to see why.`,
    };
  }
  if (/Unsupported credential source/i.test(message)) {
    return { kind: 'config', message: `${capital(p)} names a credential_source the AWS SDK does not support.` };
  }
  if (/cycle/i.test(message)) {
    return { kind: 'config', message: `${capital(p)}: its source_profile chain loops back on itself.` };
  }
  return { kind: 'credentials', message: `Could not get credentials for ${p}.` };
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
