// The ready-made AWS `config` / `credentials` pair for an emulator: one profile per account,
// each pointing at the emulator with `endpoint_url`.
import type { ScenarioAccount } from './scenario';

export interface AwsFilesText {
  config: string;
  credentials: string;
}

export function awsFilesText(url: string, accounts: readonly ScenarioAccount[]): AwsFilesText {
  const config: string[] = ['# WorkSpaces Pools emulator profiles (generated)'];
  const credentials: string[] = ['# WorkSpaces Pools emulator keys (generated; valid only for the emulator)'];
  for (const a of accounts) {
    config.push('', `[profile ${a.profileName}]`, `region = ${a.region}`, `endpoint_url = ${url}`, 'output = json');
    credentials.push('', `[${a.profileName}]`, `aws_access_key_id = ${a.accessKeyId}`, `aws_secret_access_key = ${a.secretAccessKey}`);
  }
  return { config: `${config.join('\n')}\n`, credentials: `${credentials.join('\n')}\n` };
}
