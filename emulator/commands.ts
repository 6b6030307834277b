// The emulator CLI's stdin commands, one per line:
//   fault OP|* key=value ...   e.g. fault DescribeWorkspacesPoolSessions throttle=0.3 latency=200
//   fault OP|* off             faults off               faults
//   latency MS                 token-ttl MS
//   log [N] [OP]               log clear
//   end SESSION_ID             connect SESSION_ID       disconnect SESSION_ID
//   revoke ACCESS_KEY_ID       files                    help        quit
import type { EmulatedService } from './emulatedService';
import { parseFaultSpec, type FaultSpec } from './faults';

const ALIASES: Record<string, keyof FaultSpec> = {
  latency: 'latencyMs', latencyms: 'latencyMs',
  jitter: 'jitterMs', jitterms: 'jitterMs',
  throttle: 'throttleRate', throttlerate: 'throttleRate',
  error: 'serverErrorRate', errors: 'serverErrorRate', '5xx': 'serverErrorRate', servererrorrate: 'serverErrorRate',
  drop: 'dropRate', droprate: 'dropRate',
  timeout: 'timeoutRate', timeoutrate: 'timeoutRate',
  denied: 'accessDeniedRate', accessdenied: 'accessDeniedRate', accessdeniedrate: 'accessDeniedRate',
};

export { visible };

export const HELP = `commands:
  fault OP|* key=value ...  keys: latency=MS jitter=MS throttle=RATE error=RATE drop=RATE timeout=RATE denied=RATE (rates 0..1)
  fault OP|* off            remove the faults of OP;   faults off: remove all;   faults: list
  latency MS                base latency of every operation
  token-ttl MS              NextToken lifetime
  log [N] [OP]              last N (default 20) requests, optionally of one operation;  log clear
  end ID | connect ID | disconnect ID   end a session or change its connection state
  revoke ACCESS_KEY_ID      later requests with this key are refused
  read-only ACCESS_KEY_ID   the key may read, changes get AccessDeniedException;  read-write ACCESS_KEY_ID undoes it
  files                     print the AWS config/credentials pair
  quit`;

// Bidi overrides and invisible characters (the demo's hostile user ids have them) would reorder or
// hide text in the terminal: show them as escapes.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;
const visible = (text: string) => text.replace(INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** Runs one command line; returns the text to print, '' for nothing, or 'quit'. */
export function runCommand(emulator: EmulatedService, line: string): string {
  const words = line.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '';
  const [cmd, ...rest] = words;
  try {
    switch (cmd.toLowerCase()) {
      case 'help':
      case '?':
        return HELP;
      case 'quit':
      case 'exit':
        return 'quit';
      case 'faults':
        if (rest[0] === 'off' || rest[0] === 'clear') {
          emulator.clearFaults();
          return 'faults: none';
        }
        return `faults: ${JSON.stringify(emulator.listFaults())}`;
      case 'fault': {
        const [op, ...pairs] = rest;
        if (!op) return 'usage: fault OP|* key=value ... | fault OP off';
        if (pairs[0] === 'off' || pairs.length === 0) {
          emulator.setFaults(op, undefined);
          return `faults: ${JSON.stringify(emulator.listFaults())}`;
        }
        const raw: Record<string, number> = {};
        for (const pair of pairs) {
          const [k, v] = pair.split('=');
          const key = ALIASES[k.toLowerCase()] ?? k;
          if (v === undefined || v === '' || Number.isNaN(Number(v))) return `not a number: ${pair}`;
          raw[key] = Number(v);
        }
        emulator.setFaults(op, parseFaultSpec(raw));
        return `faults: ${JSON.stringify(emulator.listFaults())}`;
      }
      case 'latency': {
        const ms = Number(rest[0] ?? 0);
        emulator.setLatency(ms);
        return `latency: ${ms} ms`;
      }
      case 'token-ttl':
        emulator.setTokenTtl(Number(rest[0]));
        return `NextToken lifetime: ${Number(rest[0])} ms`;
      case 'log': {
        if (rest[0] === 'clear') {
          emulator.clearLog();
          return 'log cleared';
        }
        const n = rest[0] && /^\d+$/.test(rest[0]) ? Number(rest[0]) : 20;
        const op = rest.find((w) => !/^\d+$/.test(w));
        const entries = emulator.log.filter((e) => !op || e.operation === op).slice(-n);
        if (entries.length === 0) return '(no requests)';
        return entries
          .map((e) => visible(`${e.time} ${String(e.status).padStart(3)} ${e.operation} ${e.accountId ?? '-'} ${e.region ?? '-'} ${e.durationMs}ms ${e.errorType ?? ''}${e.fault ? ` [${e.fault}]` : ''} ${JSON.stringify(e.params)}`))
          .join('\n');
      }
      case 'end':
        return emulator.endSession(rest[0] ?? '') ? `ended ${rest[0]}` : `no session ${rest[0]}`;
      case 'connect':
      case 'disconnect':
        return emulator.setConnectionState(rest[0] ?? '', cmd === 'connect' ? 'CONNECTED' : 'NOT_CONNECTED') ? `${cmd}ed ${rest[0]}` : `no session ${rest[0]}`;
      case 'revoke':
        emulator.revokeAccessKey(rest[0] ?? '');
        return `revoked ${rest[0]}`;
      case 'read-only':
      case 'read-write':
        emulator.setKeyReadOnly(rest[0] ?? '', cmd === 'read-only');
        return `${rest[0]} is ${cmd}`;
      case 'files': {
        const f = emulator.awsFiles();
        return `${f.config}\n${f.credentials}`;
      }
      default:
        return `unknown command ${cmd}; type help`;
    }
  } catch (error) {
    return `error: ${(error as Error).message}`;
  }
}
