// describeError() on the error objects the SDK and its credential providers really throw.
import { strict as assert } from 'assert';
import {
  AccessDeniedException,
  InvalidParameterValuesException,
  ResourceNotFoundException,
  WorkSpacesServiceException,
} from '@aws-sdk/client-workspaces';
import { CredentialsProviderError, TokenProviderError } from '@smithy/core/config';
import { AwsConfigError, describeError, SsoLoginError } from '../../src/aws/index';

const meta = (status: number) => ({ httpStatusCode: status, requestId: 'r', attempts: 1, totalRetryDelay: 0 });

function serviceError(name: string, status: number, message = 'm'): WorkSpacesServiceException {
  return new WorkSpacesServiceException({ name, $fault: status >= 500 ? 'server' : 'client', $metadata: meta(status), message });
}

function errno(code: string): Error {
  return Object.assign(new Error(`connect ${code} 127.0.0.1:1`), { code });
}

describe('AWS layer: describeError', () => {
  const cases: { what: string; error: unknown; kind: string; retryable: boolean; message?: RegExp }[] = [
    { what: 'throttling', error: serviceError('ThrottlingException', 400, 'Rate exceeded'), kind: 'throttled', retryable: true },
    { what: 'HTTP 429', error: serviceError('TooManyRequests', 429), kind: 'throttled', retryable: true },
    {
      what: 'a NextToken the service no longer accepts',
      error: new InvalidParameterValuesException({ $metadata: meta(400), message: 'The NextToken has expired. Start again without a NextToken.' }),
      kind: 'token-expired',
      retryable: false,
      message: /list changed or its page token expired.*start over/i,
    },
    {
      what: 'another invalid parameter keeps the service message',
      error: new InvalidParameterValuesException({ $metadata: meta(400), message: 'The PoolId is not valid.' }),
      kind: 'service',
      retryable: false,
      message: /InvalidParameterValuesException: The PoolId is not valid\./,
    },
    { what: 'a pool that is gone', error: new ResourceNotFoundException({ $metadata: meta(400), message: 'Pool wspool-x not found' }), kind: 'not-found', retryable: false },
    { what: 'access denied', error: new AccessDeniedException({ $metadata: meta(400), message: 'no' }), kind: 'credentials', retryable: false, message: /not allowed/ },
    { what: 'an unknown access key', error: serviceError('UnrecognizedClientException', 400), kind: 'credentials', retryable: false, message: /did not accept/ },
    { what: 'an expired session token', error: serviceError('ExpiredTokenException', 400), kind: 'credentials', retryable: false, message: /expired/ },
    { what: 'HTTP 503', error: serviceError('ServiceUnavailable', 503), kind: 'service', retryable: true, message: /internal problem/ },
    { what: 'connection refused', error: errno('ECONNREFUSED'), kind: 'network', retryable: true, message: /ECONNREFUSED/ },
    { what: 'connection reset, nested as a cause', error: Object.assign(new Error('fetch failed'), { cause: errno('ECONNRESET') }), kind: 'network', retryable: true },
    {
      what: 'a dropped connection the Node handler renamed TimeoutError',
      error: Object.assign(new Error('socket hang up'), { name: 'TimeoutError', code: 'ECONNRESET' }),
      kind: 'network',
      retryable: true,
    },
    { what: 'request timeout', error: Object.assign(new Error('timed out'), { name: 'TimeoutError' }), kind: 'timeout', retryable: true },
    { what: 'abort', error: Object.assign(new Error('Request aborted'), { name: 'AbortError' }), kind: 'cancelled', retryable: true },
    { what: 'a broken file', error: new AwsConfigError('/x/config', 'this line is wrong.', 3), kind: 'config', retryable: false, message: /^\/x\/config, line 3: this line is wrong\.$/ },
    {
      what: 'a profile without credentials',
      error: new CredentialsProviderError('Could not resolve credentials using profile: [p] in configuration/credentials file(s).'),
      kind: 'config',
      retryable: false,
      message: /no credentials the AWS SDK can use/,
    },
    {
      what: 'a failing credential_process, without echoing its command line',
      error: new CredentialsProviderError('Command failed: /opt/get-creds --token s3cr3t'),
      kind: 'credentials',
      retryable: false,
      message: /credential_process of profile "p" failed/,
    },
    {
      what: 'SSO: wrapped by the credentials cache (the profile in words, the command to use, no command line with the name)',
      error: new SsoLoginError('p', new Error('x')),
      kind: 'sso-login',
      retryable: false,
      message: /^The IAM Identity Center sign-in for profile "p" is missing or has expired\. Sign in \(command "Sign In with IAM Identity Center"\), then retry\.$/,
    },
    {
      what: 'SSO: the token provider says so',
      error: new TokenProviderError("Token is expired. To refresh this SSO session run 'aws sso login' with the corresponding profile."),
      kind: 'sso-login',
      retryable: false,
    },
    {
      what: 'SSO: legacy provider, expired',
      error: new CredentialsProviderError('The SSO session associated with this profile has expired. To refresh this SSO session run aws sso login with the corresponding profile.'),
      kind: 'sso-login',
      retryable: false,
    },
    { what: 'a service that repeats a page token', error: Object.assign(new Error('loop'), { name: 'PagingLoopError' }), kind: 'service', retryable: false, message: /page token twice/ },
    { what: 'anything else', error: 'a string', kind: 'service', retryable: false, message: /Unexpected error/ },
  ];

  for (const c of cases) {
    it(c.what, () => {
      const d = describeError(c.error, 'p');
      assert.equal(d.kind, c.kind);
      assert.equal(d.retryable, c.retryable);
      if (c.message) assert.match(d.message, c.message);
      assert.ok(!d.message.includes('s3cr3t'));
      assert.ok(d.message.length < 200, 'short enough for a tree item');
    });
  }

  it('names the IAM action an access denial lacks: from the operation, else from the service message (never a read action)', () => {
    const denied = new AccessDeniedException({ $metadata: meta(400), message: 'User: arn:aws:iam::111122223333:user/x is not authorized to perform: workspaces:StopWorkspacesPool because no identity-based policy allows it' });
    assert.match(describeError(denied, 'p', 'TerminateWorkspacesPoolSession').message, /^Profile "p" .*lacks workspaces:TerminateWorkspacesPoolSession\./);
    assert.match(describeError(denied, 'p').message, /lacks workspaces:StopWorkspacesPool\./);
    assert.doesNotMatch(describeError(denied, 'p').message, /arn:aws/, 'the caller ARN is not repeated');
    assert.match(describeError(new AccessDeniedException({ $metadata: meta(400), message: 'no' }), 'p', 'DescribeWorkspacesPools').message, /read permissions/);
  });
});
