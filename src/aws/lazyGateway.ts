// The extension's one door to AWS. The AWS layer with the SDK is a separate bundle, dist/aws.js,
// loaded on the first request so that the tree stays small; listing profiles needs no SDK (its
// modules are bundled into dist/explorer.js, with this one), so showing the profile list never loads it. Nothing
// else in the extension requires dist/aws.js. Describing an error needs no SDK either: its words are
// dist/describeError.js, loaded on the first error described.
import type * as Describe from './describeError';
import type { ErrorDescription } from './errors';
import type { AwsGateway } from './gateway';
import type * as AwsLayer from './index';
import { loadProfiles, type ProfileInfo } from './profiles';
import type { LogLine } from '../core/log';
import { signOutSso } from './ssoCache';
import type { SsoSignInOptions, SsoSignInResult } from './ssoSignIn';

type AwsLayerModule = typeof AwsLayer;

let loaded: AwsLayerModule | undefined;

function loadAws(): AwsLayerModule {
  // Resolved next to dist/explorer.js at run time (esbuild leaves './aws.js' external).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('./aws.js') as AwsLayerModule;
  return loaded;
}

let describeModule: typeof Describe | undefined;

function describeError(...args: Parameters<typeof Describe.describeError>): ErrorDescription {
  // './describeError.js' is dist/describeError.js in the extension (esbuild leaves it external), and
  // this folder's describeError.ts in plain Node (tsx resolves .js to .ts): the tests need no option.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  describeModule ??= require('./describeError.js') as typeof Describe;
  return describeModule.describeError(...args);
}

/** Whether dist/aws.js (the SDK) has been loaded in this extension host. */
export function isAwsLoaded(): boolean {
  return loaded !== undefined;
}

/** What the explorer, the details page and the commands use of AWS. */
export interface Gateway {
  listProfiles(): Promise<ProfileInfo[]>;
  listPools: AwsGateway['listPools'];
  sessionsPage: AwsGateway['sessionsPage'];
  findSession: AwsGateway['findSession'];
  /** Every page of a pool's sessions (Export Sessions… reads a whole pool this way). */
  pageSessions: AwsGateway['pageSessions'];
  describePool: AwsGateway['describePool'];
  terminateSession: AwsGateway['terminateSession'];
  startPool: AwsGateway['startPool'];
  stopPool: AwsGateway['stopPool'];
  /** `profile`: the profile of the failed call, when the caller knows it; `operation`: the API call that failed (an access denial names its IAM action). */
  describeError(error: unknown, profile?: string, operation?: string): ErrorDescription;
  /** Config files changed or settings that shape clients did: forget clients and credentials. */
  reset(): void;
}

export interface GatewayOptions {
  log: LogLine;
  requestTimeoutMs(): number;
  /** The overall deadline of one call (slot, credentials, all attempts); read on every request like the timeout. Default: AwsGateway's. */
  callDeadlineMs?(): number;
  /** Called before each read of the AWS files (the profile list, a request): opens their watch on the first one (watchAwsFilesOnRead). */
  beforeFilesRead?(): void;
  /** Tests, in plain Node: the AWS files' environment, and the AwsGateway class to use instead of dist/aws.js's. */
  env?: NodeJS.ProcessEnv;
  gatewayClass?: typeof AwsGateway;
}

/** A Gateway whose AwsGateway is made on the first request, and made again when its timeout or deadline setting changes. */
export function lazyGateway(options: GatewayOptions): Gateway {
  let gateway: AwsGateway | undefined;
  let made = '';
  const env = options.env ?? process.env;
  const get = (): AwsGateway => {
    options.beforeFilesRead?.();
    const limits = { requestTimeoutMs: options.requestTimeoutMs(), callDeadlineMs: options.callDeadlineMs?.() };
    const key = JSON.stringify(limits);
    if (gateway && made !== key) {
      gateway.dispose();
      gateway = undefined;
    }
    if (!gateway) {
      made = key;
      const Gateway = options.gatewayClass ?? loadAws().AwsGateway;
      gateway = new Gateway({ log: options.log, ...limits, env: options.env });
    }
    return gateway;
  };
  return {
    listProfiles: () => {
      options.beforeFilesRead?.();
      return loadProfiles(env);
    },
    listPools: (...args) => get().listPools(...args),
    sessionsPage: (...args) => get().sessionsPage(...args),
    findSession: (...args) => get().findSession(...args),
    describePool: (...args) => get().describePool(...args),
    terminateSession: (...args) => get().terminateSession(...args),
    startPool: (...args) => get().startPool(...args),
    stopPool: (...args) => get().stopPool(...args),
    pageSessions: (...args) => get().pageSessions(...args),
    describeError,
    reset: () => gateway?.reset(),
  };
}

/** IAM Identity Center sign-in and sign-out of a profile's session. */
export interface SsoAccess {
  /** The device flow (or a refresh): loads dist/aws.js. */
  signIn(profile: string, options: Omit<SsoSignInOptions, 'env' | 'requestTimeoutMs'>): Promise<SsoSignInResult>;
  /** Removes the cached token of the profile's session; no SDK needed. */
  signOut: (profile: string) => ReturnType<typeof signOutSso>;
}

export function ssoAccess(options: Pick<GatewayOptions, 'requestTimeoutMs' | 'env'>): SsoAccess {
  return {
    signIn: (profile, signInOptions) => loadAws().signInSso(profile, { ...signInOptions, env: options.env, requestTimeoutMs: options.requestTimeoutMs() }),
    signOut: (profile) => signOutSso(profile, options.env ?? process.env),
  };
}
