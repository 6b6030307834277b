// The AWS layer (SDK included) is a separate bundle, dist/aws.js, loaded on first use so that
// activation stays small and makes no SDK import. The type import below is erased at build time.
import type * as AwsLayer from './aws/index';

export type Aws = typeof AwsLayer;

let loaded: Aws | undefined;

export function loadAws(): Aws {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('./aws.js') as Aws;
  return loaded;
}

export function isAwsLoaded(): boolean {
  return loaded !== undefined;
}
