// The errors of the AWS layer and the description the UI shows of one (ErrorDescription). The words
// themselves are describeError()'s (describeError.ts), loaded only when an error is to be shown.

import { oneLine } from '../core/text';

export type ErrorKind =
  | 'sso-login'
  | 'credentials'
  | 'throttled'
  | 'not-found'
  | 'token-expired'
  | 'network'
  | 'timeout'
  | 'config'
  | 'service'
  | 'cancelled';

export interface ErrorDescription {
  kind: ErrorKind;
  message: string;
  /** True when trying the same thing again, unchanged, may succeed. */
  retryable: boolean;
  /** A config error in one file: which (absolute path), where (1-based line) and what, apart, so that the row can say the problem first and open the file there. */
  location?: ConfigErrorLocation;
}

export interface ConfigErrorLocation {
  file: string;
  line?: number;
  reason: string;
}

/** A shared config/credentials file (or a profile in it) that cannot be used as written. */
export class AwsConfigError extends Error {
  override readonly name = 'AwsConfigError';
  constructor(
    /** The file at fault, when one is. */
    readonly file: string | undefined,
    /** What is wrong, without the offending text (a credentials line may hold a secret). */
    readonly reason: string,
    /** 1-based line number, when the problem is on one line. */
    readonly line?: number,
  ) {
    super(file ? `${file}${line ? `, line ${line}` : ''}: ${reason}` : reason);
  }
}

/** Credential resolution for an IAM Identity Center profile needs `aws sso login`. */
export class SsoLoginError extends Error {
  override readonly name = 'SsoLoginError';
  constructor(
    readonly profile: string,
    override readonly cause: unknown,
  ) {
    super(`The IAM Identity Center sign-in for ${profilePhrase(profile)} is missing or has expired.`);
  }
}

/**
 * An error the explorer already described (an error row), passed on with where it happened (a
 * region) to a command. Describing it again gives the same description, kind included: a plain
 * Error with its message would come back as an "Unexpected error" and lose e.g. the SSO sign-in.
 */
export class DescribedError extends Error {
  override readonly name = 'DescribedError';
  constructor(
    readonly description: ErrorDescription,
    /** The profile the failed call was for, when known (the sign-in offer needs it). */
    readonly profile: string | undefined,
    /** Where it happened, put in front of the message ("us-east-1: …"). */
    readonly where?: string,
  ) {
    super(where ? `${where}: ${description.message}` : description.message);
  }
}

/**
 * The profile whose IAM Identity Center sign-in would fix `error`, when the error knows it. The
 * wrapper describes errors without a profile (a command may span several), so it asks the error.
 */
export function ssoProfileOf(error: unknown): string | undefined {
  for (const link of chain(error)) {
    // By name: dist/aws.js, which throws SsoLoginError, bundles its own copy of this module.
    const { name, profile, description } = link as { name?: string; profile?: unknown; description?: ErrorDescription };
    if (typeof profile !== 'string' || !profile) continue;
    if (name === 'SsoLoginError' || (name === 'DescribedError' && description?.kind === 'sso-login')) return profile;
  }
  return undefined;
}

/**
 * A call (waiting for a slot of its profile, resolving credentials, every attempt and the pauses
 * between them) did not end within its overall deadline. Not an AbortError: that means the user
 * cancelled, and is shown as nothing at all.
 */
export class CallDeadlineError extends Error {
  override readonly name = 'CallDeadlineError';
  constructor(readonly deadlineMs: number) {
    super(`No answer within ${seconds(deadlineMs)} s (the deadline of one call, retries included).`);
  }
}

export function seconds(ms: number): string {
  return String(Math.round(ms / 100) / 10);
}

/** The error the SDK throws for an aborted request, so callers see one shape whatever aborted. */
export function abortError(): Error {
  const error = new Error('Request aborted');
  error.name = 'AbortError';
  return error;
}

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

export interface SdkErrorShape {
  name?: string;
  message?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
  $retryable?: unknown;
  cause?: unknown;
}

/** Walks `cause` links: the SDK wraps provider errors, and fetch-style errors nest their code. */
export function chain(error: unknown): SdkErrorShape[] {
  const out: SdkErrorShape[] = [];
  let current: unknown = error;
  while (current && typeof current === 'object' && out.length < 5) {
    out.push(current as SdkErrorShape);
    current = (current as SdkErrorShape).cause;
  }
  return out;
}

/** `profile "NAME"` on one line, or "the profile in use" when the name is not known. */
export function profilePhrase(profile: string): string {
  return profile ? `profile "${oneLine(profile)}"` : 'the profile in use';
}
