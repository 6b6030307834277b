/**
 * Regions where Amazon WorkSpaces Pools is offered ("AWS Regions and Availability Zones for
 * WorkSpaces Pools", WorkSpaces Administration Guide; see also ../../../shared/aws-models/README.md).
 * Not in the China regions. Order: as the guide lists them, so pickers read like the docs.
 */
export const POOL_REGIONS: readonly string[] = Object.freeze([
  'us-east-1',
  'us-west-2',
  'ap-south-1',
  'ap-northeast-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-northeast-1',
  'ca-central-1',
  'eu-central-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
]);
