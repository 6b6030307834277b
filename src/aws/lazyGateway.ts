// The extension's one door to AWS. The AWS layer with the SDK is a separate bundle, dist/aws.js,
// loaded on the first request so that activation stays small; listing profiles and describing
// errors need no SDK (their modules are bundled into dist/extension.js), so showing the profile
// list never loads it. Nothing else in the extension requires dist/aws.js.
import type { AwsGateway } from './gateway';
import type * as AwsLayer from './index';
import { describeError, type ErrorDescription } from './errors';
import { loadProfiles, type ProfileInfo } from './profiles';

type AwsLayerModule = typeof AwsLayer;

let loaded: AwsLayerModule | undefined;

function loadAws(): AwsLayerModule {
  // Resolved next to dist/extension.js at run time (esbuild leaves './aws.js' external).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('./aws.js') as AwsLayerModule;
  return loaded;
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
  /** `profile`: the profile of the failed call, when the caller knows it. */
  describeError(error: unknown, profile?: string): ErrorDescription;
  /** Config files changed or settings that shape clients did: forget clients and credentials. */
  reset(): void;
}

export interface GatewayOptions {
  log(line: string): void;
  requestTimeoutMs(): number;
  /** The overall deadline of one call (slot, credentials, all attempts); read on every request like the timeout. Default: AwsGateway's. */
  callDeadlineMs?(): number;
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
    listProfiles: () => loadProfiles(env),
    listPools: (...args) => get().listPools(...args),
    sessionsPage: (...args) => get().sessionsPage(...args),
    findSession: (...args) => get().findSession(...args),
    pageSessions: (...args) => get().pageSessions(...args),
    describeError,
    reset: () => gateway?.reset(),
  };
}
