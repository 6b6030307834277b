// The AWS `config` / `credentials` pair for an emulator (one profile per account, each pointing at
// the emulator with `endpoint_url`), written to a temp folder, and the environment that selects it.
// Used by the CLI, the tests and the benchmarks.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EmulatorAccount } from './scenario';

export interface AwsFilesText {
  config: string;
  credentials: string;
}

export function awsFilesText(url: string, accounts: readonly EmulatorAccount[]): AwsFilesText {
  const config: string[] = ['# WorkSpaces Pools emulator profiles (generated)'];
  const credentials: string[] = ['# WorkSpaces Pools emulator keys (generated; valid only for the emulator)'];
  for (const a of accounts) {
    config.push('', `[profile ${a.profileName}]`, `region = ${a.region}`, `endpoint_url = ${url}`, 'output = json');
    credentials.push('', `[${a.profileName}]`, `aws_access_key_id = ${a.accessKeyId}`, `aws_secret_access_key = ${a.secretAccessKey}`);
  }
  return { config: `${config.join('\n')}\n`, credentials: `${credentials.join('\n')}\n` };
}

export interface SsoProfileOptions {
  /** The profile's name. */
  profile: string;
  /** The [sso-session NAME] to use; omitted: a legacy profile with its own sso_start_url and sso_region. */
  session?: string;
  startUrl?: string;
  /** sso_registration_scopes of the session (default sso:account:access, as `aws configure sso` writes it; '' for none). */
  scopes?: string;
  roleName?: string;
}

/**
 * A profile that signs in through the emulator's IAM Identity Center (emulator/sso.ts), as text to
 * append to a config file: its endpoint_url sends WorkSpaces, the portal and SSO-OIDC to the emulator.
 */
export function ssoProfileText(url: string, account: Pick<EmulatorAccount, 'accountId' | 'region'>, options: SsoProfileOptions): string {
  const startUrl = options.startUrl ?? 'https://emulator.awsapps.com/start';
  const lines = ['', `[profile ${options.profile}]`];
  if (options.session) lines.push(`sso_session = ${options.session}`);
  else lines.push(`sso_start_url = ${startUrl}`, 'sso_region = us-east-1');
  lines.push(`sso_account_id = ${account.accountId}`, `sso_role_name = ${options.roleName ?? 'PoolsReadOnly'}`, `region = ${account.region}`, `endpoint_url = ${url}`);
  if (options.session) {
    lines.push('', `[sso-session ${options.session}]`, `sso_start_url = ${startUrl}`, 'sso_region = us-east-1');
    const scopes = options.scopes ?? 'sso:account:access';
    if (scopes) lines.push(`sso_registration_scopes = ${scopes}`);
  }
  return `${lines.join('\n')}\n`;
}

export interface TempAwsFiles {
  dir: string;
  configFile: string;
  credentialsFile: string;
  /** Removes the directory (idempotent). */
  cleanup(): void;
}

/** Writes the pair to a fresh temp directory (mode 0600: the credentials file holds secrets). */
export function writeAwsFiles(files: AwsFilesText, prefix = 'wsp-aws-'): TempAwsFiles {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const configFile = join(dir, 'config');
  const credentialsFile = join(dir, 'credentials');
  writeFileSync(configFile, files.config, { mode: 0o600 });
  writeFileSync(credentialsFile, files.credentials, { mode: 0o600 });
  return { dir, configFile, credentialsFile, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

const AWS_ENV_KEYS = [
  'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_PROFILE', 'AWS_REGION', 'AWS_DEFAULT_REGION',
  'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_WORKSPACES',
  'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', 'AWS_SDK_LOAD_CONFIG', 'AWS_ENDPOINT_URL_SSO', 'AWS_ENDPOINT_URL_SSO_OIDC',
] as const;

/**
 * Points the AWS environment of this process at `files` (and `profile`), clearing every other AWS
 * variable that could override them. Returns a function that restores the previous environment.
 */
export function useAwsFiles(files: Pick<TempAwsFiles, 'configFile' | 'credentialsFile'>, profile?: string): () => void {
  const saved = new Map<string, string | undefined>(AWS_ENV_KEYS.map((k) => [k, process.env[k]]));
  for (const k of AWS_ENV_KEYS) delete process.env[k];
  process.env.AWS_CONFIG_FILE = files.configFile;
  process.env.AWS_SHARED_CREDENTIALS_FILE = files.credentialsFile;
  if (profile) process.env.AWS_PROFILE = profile;
  return () => {
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
}
