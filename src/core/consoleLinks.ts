// ARNs and AWS Console links. No `vscode` import: used by the details page's host and tests.
import { isRegion } from './regions';

/** The 12-digit account id of an ARN (`arn:partition:service:region:account:resource`), if any. */
export function accountFromArn(arn: string | undefined): string | undefined {
  if (!arn) return undefined;
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  return /^\d{12}$/.test(parts[4]) ? parts[4] : undefined;
}

/** The region of an ARN, if any. */
export function regionFromArn(arn: string | undefined): string | undefined {
  const parts = arn?.split(':');
  return parts && parts.length >= 6 && parts[0] === 'arn' && parts[3] ? parts[3] : undefined;
}

export interface ConsoleUrls {
  pool?: string;
  instance?: string;
  eni?: string;
}

const POOL_ID = /^wspool-[0-9a-z]{9}$/;
const INSTANCE_ID = /^i-[0-9a-f]{8}(?:[0-9a-f]{9})?$/;
const ENI_ID = /^eni-[0-9a-f]{8}(?:[0-9a-f]{9})?$/;

/** The console's host for a region: GovCloud and China have their own consoles. */
function consoleBase(region: string): string {
  if (region.startsWith('us-gov-')) return `https://${region}.console.amazonaws-us-gov.com`;
  if (region.startsWith('cn-')) return 'https://console.amazonaws.cn';
  return `https://${region}.console.aws.amazon.com`;
}

/**
 * AWS Console links for a session's pool, instance and network interface, in the session's region.
 * Only well-formed ids produce a link: the values come from the service, and a link is the one
 * place where a malformed value could turn into somewhere else to go.
 */
export function consoleUrls(region: string, poolId?: string, instanceId?: string, eniId?: string): ConsoleUrls {
  if (!isRegion(region)) return {};
  const base = consoleBase(region);
  const urls: ConsoleUrls = {};
  if (poolId && POOL_ID.test(poolId)) urls.pool = `${base}/workspaces/v2/pools/${poolId}?region=${region}`;
  if (instanceId && INSTANCE_ID.test(instanceId)) {
    urls.instance = `${base}/ec2/home?region=${region}#InstanceDetails:instanceId=${instanceId}`;
  }
  if (eniId && ENI_ID.test(eniId)) {
    urls.eni = `${base}/ec2/home?region=${region}#NetworkInterface:networkInterfaceId=${eniId}`;
  }
  return urls;
}

