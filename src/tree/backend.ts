// What the tree needs from AWS, behind one small interface. Values of the AWS layer come only
// through loadAws() (dist/aws.js, which holds the SDK), on first use; profile listing comes from a
// module that does not pull the SDK, so showing the profile list never loads it.
import type { WorkspacesPool, WorkspacesPoolSession } from '@aws-sdk/client-workspaces';
// These three modules need no SDK (only @smithy/shared-ini-file-loader, which is small), so they
// are bundled into dist/extension.js: listing profiles, describing errors and offering regions
// never load dist/aws.js. describeError() classifies by error name, so it also reads errors thrown
// by the copy of the classes inside dist/aws.js.
import { describeError, type ErrorDescription } from '../aws/errors';
import { loadProfiles, type ProfileInfo } from '../aws/profiles';
import { POOL_REGIONS } from '../aws/regions';
import type { AwsExplorer } from '../aws/index';
import { loadAws } from '../awsLoader';

export type ErrorInfo = ErrorDescription;
export type { ProfileInfo };
export { POOL_REGIONS };

export interface SessionsPage {
  sessions: WorkspacesPoolSession[];
  nextToken?: string;
}

export interface Backend {
  listProfiles(): Promise<ProfileInfo[]>;
  listPools(profile: string, region: string, signal?: AbortSignal): Promise<WorkspacesPool[]>;
  sessionsPage(
    profile: string,
    region: string,
    poolId: string,
    options: { userId?: string; nextToken?: string; limit?: number; signal?: AbortSignal },
  ): Promise<SessionsPage>;
  /** The AWS layer's lookup of one session (pages of its user's sessions, server-side UserId filter). */
  findSession: AwsExplorer['findSession'];
  describeError(error: unknown, profile: string): ErrorInfo;
  /** Config files changed or settings that shape clients did: forget clients and credentials. */
  reset(): void;
}

export interface BackendOptions {
  log(line: string): void;
  requestTimeoutMs(): number;
}

/** The real backend: the AWS layer, loaded on the first request. */
export function createBackend(options: BackendOptions): Backend {
  let explorer: AwsExplorer | undefined;
  let timeout = options.requestTimeoutMs();
  const get = (): AwsExplorer => {
    if (explorer && timeout !== options.requestTimeoutMs()) {
      explorer.dispose();
      explorer = undefined;
    }
    if (!explorer) {
      timeout = options.requestTimeoutMs();
      explorer = new (loadAws().AwsExplorer)({ log: options.log, requestTimeoutMs: timeout });
    }
    return explorer;
  };
  return {
    listProfiles: () => loadProfiles(process.env),
    listPools: (profile, region, signal) => get().listPools(profile, region, signal),
    sessionsPage: (profile, region, poolId, opts) => get().sessionsPage(profile, region, poolId, opts),
    findSession: (profile, region, poolId, sessionId, userId, signal) => get().findSession(profile, region, poolId, sessionId, userId, signal),
    describeError,
    reset: () => explorer?.reset(),
  };
}
