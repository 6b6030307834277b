// The demo session (started by scripts/demo.js): packages the extension, installs it into a fresh
// code-server, starts the emulator with the demo scenario, prints where to look, serves until Ctrl+C.
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { ssoProfileText } from '../emulator';
import { finish, isFinishing } from '../harness/processes';
import { REPO } from '../harness/runDir';
import { packageExtension, startSession } from '../harness/session';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '0' }, scenario: { type: 'string', default: 'demo' } } });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, got ${values.port}`);
  console.log('[demo] packaging the extension');
  const vsix = packageExtension();
  const session = await startSession({ kind: 'demo', scenario: values.scenario, vsix, port, ephemeral: true });
  const { emulator, server, run } = session;
  // One IAM Identity Center profile that signs in through the emulator's identity center: Sign In
  // opens the emulator's verification page, where Allow completes the sign-in.
  const ssoProfile = 'demo-sso';
  if (emulator.accounts[0]) fs.appendFileSync(emulator.configFile, ssoProfileText(emulator.url, emulator.accounts[0], { profile: ssoProfile, session: 'demo' }));
  const profiles = [...emulator.accounts.map((a) => a.profileName), ssoProfile].join(', ');
  console.log(`
WorkSpaces Pools Explorer is running in VS Code (code-server 4.100.3 = VS Code 1.100.3), against the local emulator.

  Open:  ${server.workbenchUrl()}
         then the "WorkSpaces Pools" icon in the activity bar (profiles: ${profiles})

  Emulator:        ${emulator.url}   (control API: ${emulator.url}/_emulator/log, see emulator/README.md)
  Sign-in:         profile ${ssoProfile} uses IAM Identity Center: right-click it, Sign In, then Allow on
                   the emulator's page that opens (${emulator.url}/device)
  AWS files:       ${path.relative(REPO, emulator.configFile)}, ${path.relative(REPO, emulator.credentialsFile)}  (your ~/.aws is not used)
  Everything else: ${path.relative(REPO, run.root)}/  (removed on exit)

In desktop VS Code instead (while this runs), from the repository folder:
  npm run build
  AWS_CONFIG_FILE=${emulator.configFile} \\
  AWS_SHARED_CREDENTIALS_FILE=${emulator.credentialsFile} \\
  WSP_EMULATOR_URL=${emulator.url} \\
  code --extensionDevelopmentPath=${REPO} ${run.workspace}

Ctrl+C stops everything.`);
  // Serve until interrupted (processes.ts handles SIGINT/SIGTERM); stop if a part dies on its own.
  const died = await Promise.race([
    emulator.process.exited.then((code) => `the emulator exited (${code})`),
    server.process.exited.then((code) => `code-server exited (${code})`),
  ]);
  if (isFinishing()) return; // Ctrl+C: the signal handler stops everything and exits
  console.error(`[demo] ${died}; logs kept in ${run.logs}`);
  await session.end({ keepRun: true });
  process.exit(1);
}

main().catch(async (error: unknown) => {
  console.error(`[demo] ${error instanceof Error ? error.message : String(error)}`);
  await finish();
  process.exit(1);
});
