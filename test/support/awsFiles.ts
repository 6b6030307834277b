// Temporary AWS `config` / `credentials` files for tests, and the environment that selects them.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TempAwsFiles {
  dir: string;
  configFile: string;
  credentialsFile: string;
  /** Removes the directory (idempotent). */
  cleanup(): void;
}

/** Writes the pair to a fresh temp directory (mode 0600: the credentials file holds secrets). */
export function writeAwsFiles(files: { config: string; credentials: string }): TempAwsFiles {
  const dir = mkdtempSync(join(tmpdir(), 'wsp-aws-'));
  const configFile = join(dir, 'config');
  const credentialsFile = join(dir, 'credentials');
  writeFileSync(configFile, files.config, { mode: 0o600 });
  writeFileSync(credentialsFile, files.credentials, { mode: 0o600 });
  return { dir, configFile, credentialsFile, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

const AWS_ENV_KEYS = [
  'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_PROFILE', 'AWS_REGION', 'AWS_DEFAULT_REGION',
  'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_WORKSPACES',
  'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', 'AWS_SDK_LOAD_CONFIG',
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
