// Local emulator of the WorkSpaces Pools API (awsJson1_1 + SigV4 over loopback), in process.
// See README.md in this folder for the protocol details, scenarios, faults and HTTP control.
// This file is the emulator's public face: what tests, benchmarks and the harness import.
import { Emulator } from './emulator';
import type { EmulatorOptions } from './emulatedService';
import { demoScenario } from './demoScenario';
import { loadScenarioFile, parseScenario, type Scenario } from './scenario';

export { Emulator } from './emulator';
export type { EmulatorOptions, NewSession, SessionCredentials } from './emulatedService';
export type { FaultSpec } from './faults';
export type { RequestLogEntry } from './requestLog';
export * from './demoScenario';
export * from './scenario';
export { outputProblems } from './validate';
export { ssoProfileText, type SsoProfileOptions } from './awsFiles';
export type { SsoSettings, PendingAuthorization } from './sso';

function resolveScenario(options: EmulatorOptions): Scenario {
  const s = options.scenario ?? 'demo';
  if (s === 'demo') return demoScenario({ seed: options.seed });
  if (typeof s === 'string') return loadScenarioFile(s);
  return parseScenario(structuredClone(s));
}

/** Starts an emulator on 127.0.0.1 (a free port unless `port` is given). */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const emulator = new Emulator(resolveScenario(options), options);
  await emulator.listen(options.port ?? 0);
  return emulator;
}
