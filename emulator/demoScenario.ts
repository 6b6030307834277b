// The demo scenario (`--scenario demo`): three accounts, two regions, 39 pools in every state and
// about 5,700 sessions with ordinary, unicode, maximal and hostile user ids. Everything but the
// times is a function of the seed, and the ids tests need are fixed and exported.
import { Random } from './random';
import {
  capacityFor, newAccessKeyId, newSecret, newSessionPlacement,
  type EmulatorAccount, type PoolState, type Scenario, type ScenarioPool, type WirePool, type WireSession,
} from './scenario';

export const DEMO_REGIONS = ['us-east-1', 'eu-west-1'] as const;

/** Hostile user ids: markup, script, URL schemes, bidi overrides and invisible characters. */
export const HOSTILE_USER_IDS: readonly string[] = [
  '<img src=x onerror=alert(1)>',
  '</script><script>alert(1)</script>',
  'javascript:alert(1)',
  '"><svg onload=alert(1)>',
  "'; DROP TABLE sessions; --",
  '\u202Egnp.exe@globex.example',
  'ad\u200Bmin@globex.example',
  '\u200F\u05E9\u05DC\u05D5\u05DD@globex.example',
  '${{7*7}}{{constructor.constructor("alert(1)")()}}',
  '[click](command:workbench.action.terminal.new)',
];

/** Unicode user ids (accents, CJK, RTL script, emoji with a zero-width joiner). */
export const UNICODE_USER_IDS: readonly string[] = [
  'zoë.müller@acme.example',
  '张伟@acme.example',
  'José.Núñez@acme.example',
  'علي.حسن@globex.example',
  '🧑‍💻dev@acme.example',
  'Ωmega_ñandú',
];

/** A user id of exactly the model's maximum length (128 characters). */
export const MAX_LENGTH_USER_ID = `${'very.long.user.name.'.repeat(6)}@acme.ex`.padEnd(128, 'x');

/** User in the demo's biggest pool with several sessions (a shared kiosk login). */
export const DEMO_SHARED_USER_ID = 'kiosk.shared@acme.example';
/** Hostile user with several sessions in several globex pools. */
export const DEMO_HOSTILE_MULTI_USER_ID = HOSTILE_USER_IDS[0];

/**
 * A user with one session in each of several pools, profiles and regions (Find User's Sessions…):
 * acme-prod in both regions, acme-dev in both regions, globex-helpdesk in eu-west-1.
 */
export const DEMO_ROAMING_USER_ID = 'sam.roaming@acme.example';
export const DEMO_ROAMING_POOLS: Readonly<Record<string, number>> = {
  'wspool-analysts1': 2,
  'wspool-eusupport': 2,
  'wspool-devfeat01': 2,
  'wspool-deveu0001': 2,
  'wspool-helpeu001': 12,
};
/** A well-formed user id with no session anywhere in the demo. */
export const DEMO_NO_SESSION_USER_ID = 'nobody.here@acme.example';

export const DEMO_ACCOUNTS = [
  { profileName: 'acme-prod', accountId: '111122223333', region: 'us-east-1' },
  { profileName: 'acme-dev', accountId: '444455556666', region: 'us-east-1' },
  { profileName: 'globex-helpdesk', accountId: '777788889999', region: 'eu-west-1' },
] as const;

/** Pool ids are derived from a fixed string per pool, not from the seed, so tests can name them. */
export const DEMO_BIG_POOL_ID = 'wspool-bigpool50';
export const DEMO_EMPTY_POOL_ID = 'wspool-empty0001';
export const DEMO_ERROR_POOL_ID = 'wspool-errors001';
export const DEMO_HELPDESK_POOL_ID = 'wspool-helpdesk1';
export const DEMO_BIG_POOL_SIZE = 5000;

const FIRST = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan', 'judy', 'mallory', 'niaj', 'olivia', 'peggy', 'rupert', 'sybil', 'trent', 'victor', 'walter', 'yvonne'];
const LAST = ['smith', 'jones', 'garcia', 'kim', 'nguyen', 'okafor', 'rossi', 'schmidt', 'tanaka', 'dubois', 'silva', 'kowalski', 'haddad', 'larsen', 'patel'];

interface PoolPlan {
  account: number;
  region: string;
  id: string;
  name: string;
  state: PoolState;
  mode: 'AUTO_STOP' | 'ALWAYS_ON';
  sessions: number;
  desired: number;
  users: 'corp' | 'saml' | 'helpdesk' | 'mixed';
  errors?: WirePool['Errors'];
  description?: string;
}

function demoPlan(): PoolPlan[] {
  const plans: PoolPlan[] = [
    { account: 0, region: 'us-east-1', id: DEMO_BIG_POOL_ID, name: 'prod-callcenter', state: 'RUNNING', mode: 'ALWAYS_ON', sessions: DEMO_BIG_POOL_SIZE, desired: DEMO_BIG_POOL_SIZE, users: 'corp', description: 'Call center agents (24/7)' },
    { account: 0, region: 'us-east-1', id: 'wspool-analysts1', name: 'prod-analysts', state: 'RUNNING', mode: 'AUTO_STOP', sessions: 137, desired: 150, users: 'saml', description: 'Finance analysts' },
    { account: 0, region: 'us-east-1', id: DEMO_EMPTY_POOL_ID, name: 'prod-overflow', state: 'RUNNING', mode: 'AUTO_STOP', sessions: 0, desired: 20, users: 'corp' },
    { account: 0, region: 'us-east-1', id: 'wspool-training1', name: 'prod-training', state: 'STOPPED', mode: 'AUTO_STOP', sessions: 0, desired: 40, users: 'corp' },
    { account: 0, region: 'eu-west-1', id: 'wspool-eusupport', name: 'eu-support', state: 'RUNNING', mode: 'AUTO_STOP', sessions: 240, desired: 250, users: 'mixed' },
    { account: 0, region: 'eu-west-1', id: DEMO_ERROR_POOL_ID, name: 'eu-lab', state: 'STOPPED', mode: 'AUTO_STOP', sessions: 0, desired: 10, users: 'corp',
      errors: [
        { ErrorCode: 'IAM_SERVICE_ROLE_IS_MISSING', ErrorMessage: 'The workspaces_DefaultRole service role is missing.' },
        { ErrorCode: 'SUBNET_HAS_INSUFFICIENT_IP_ADDRESSES', ErrorMessage: 'Subnet subnet-0a1b2c3d has insufficient IP addresses.' },
      ] },
    { account: 1, region: 'us-east-1', id: 'wspool-devsbox01', name: 'dev-sandbox', state: 'STARTING', mode: 'AUTO_STOP', sessions: 0, desired: 5, users: 'corp' },
    { account: 1, region: 'us-east-1', id: 'wspool-devci0001', name: 'dev-ci', state: 'STOPPING', mode: 'AUTO_STOP', sessions: 0, desired: 8, users: 'corp' },
    { account: 1, region: 'us-east-1', id: 'wspool-devnew001', name: 'dev-new', state: 'CREATING', mode: 'AUTO_STOP', sessions: 0, desired: 3, users: 'corp' },
    { account: 1, region: 'us-east-1', id: 'wspool-devold001', name: 'dev-legacy', state: 'DELETING', mode: 'ALWAYS_ON', sessions: 0, desired: 0, users: 'corp' },
    { account: 1, region: 'us-east-1', id: 'wspool-devfeat01', name: 'dev-feature.x', state: 'UPDATING', mode: 'ALWAYS_ON', sessions: 12, desired: 12, users: 'mixed' },
    { account: 1, region: 'eu-west-1', id: 'wspool-deveu0001', name: 'dev-eu', state: 'RUNNING', mode: 'AUTO_STOP', sessions: 3, desired: 4, users: 'corp' },
    { account: 2, region: 'us-east-1', id: DEMO_HELPDESK_POOL_ID, name: 'helpdesk', state: 'RUNNING', mode: 'ALWAYS_ON', sessions: 60, desired: 64, users: 'helpdesk', description: 'Help desk (tier 1)' },
    { account: 2, region: 'us-east-1', id: 'wspool-helpnite1', name: 'helpdesk-night', state: 'RUNNING', mode: 'AUTO_STOP', sessions: 25, desired: 25, users: 'helpdesk' },
    { account: 2, region: 'eu-west-1', id: 'wspool-helpeu001', name: 'helpdesk-eu', state: 'RUNNING', mode: 'AUTO_STOP', sessions: 45, desired: 50, users: 'helpdesk' },
  ];
  // Enough small branch pools in one place that DescribeWorkspacesPools needs several pages.
  for (let i = 1; i <= 24; i++) {
    const n = String(i).padStart(2, '0');
    plans.push({ account: 0, region: 'us-east-1', id: `wspool-branch0${n}`, name: `prod-branch-${n}`, state: i % 7 === 0 ? 'STOPPED' : 'RUNNING', mode: 'AUTO_STOP', sessions: i % 7 === 0 ? 0 : (i * 3) % 17, desired: 20, users: 'corp' });
  }
  return plans;
}

function userFor(random: Random, kind: PoolPlan['users'], index: number, domain: string): { id: string; saml: boolean } {
  const person = () => `${FIRST[random.int(FIRST.length)]}.${LAST[random.int(LAST.length)]}${index}`;
  switch (kind) {
    case 'corp':
      return { id: `${person()}@${domain}`, saml: false };
    case 'saml':
      // SAML NameIDs: an e-mail, or DOMAIN\user, or a persistent opaque identifier.
      return random.chance(0.5)
        ? { id: `${domain.split('.')[0].toUpperCase()}\\${person()}`, saml: true }
        : { id: `urn:oid:0.9.2342.19200300.100.1.1:${person()}`, saml: true };
    case 'mixed':
      if (index % 9 === 0) return { id: UNICODE_USER_IDS[(index / 9) % UNICODE_USER_IDS.length], saml: false };
      return random.chance(0.3) ? { id: `${person()}@${domain}`, saml: true } : { id: `${person()}@${domain}`, saml: false };
    case 'helpdesk':
      return { id: `agent.${person()}@${domain}`, saml: random.chance(0.5) };
  }
}

export interface DemoOptions {
  seed?: number;
  /** Epoch milliseconds that session times are relative to (default: now, to the minute). */
  now?: number;
}

/** The built-in demo scenario; everything but the times is a function of the seed alone. */
export function demoScenario(options: DemoOptions = {}): Scenario {
  const seed = options.seed ?? 1;
  const now = options.now ?? Math.floor(Date.now() / 60_000) * 60_000;
  const nowSeconds = Math.floor(now / 1000);
  const random = new Random(seed);
  const accounts: EmulatorAccount[] = DEMO_ACCOUNTS.map((a) => ({
    ...a,
    accessKeyId: newAccessKeyId(random),
    secretAccessKey: newSecret(random),
  }));
  const pools: ScenarioPool[] = [];
  for (const plan of demoPlan()) {
    const account = accounts[plan.account];
    const domain = account.profileName.startsWith('globex') ? 'globex.example' : 'acme.example';
    const maxDuration = plan.mode === 'ALWAYS_ON' ? 43_200 : 28_800;
    const sessions: WireSession[] = new Array(plan.sessions);
    for (let i = 0; i < plan.sessions; i++) {
      const user = userFor(random, plan.users, i, domain);
      let id = user.id;
      const saml = user.saml;
      if (DEMO_ROAMING_POOLS[plan.id] === i) {
        id = DEMO_ROAMING_USER_ID;
      } else if (plan.id === DEMO_BIG_POOL_ID) {
        // A shared kiosk login with several sessions, the longest id, and the unicode ids.
        if (i % 700 === 5) id = DEMO_SHARED_USER_ID;
        else if (i === 4242) id = MAX_LENGTH_USER_ID;
        else if (i % 997 === 13) id = UNICODE_USER_IDS[(i / 997 | 0) % UNICODE_USER_IDS.length];
        else if (i === 100) id = 'alice.smith@acme.example';
      } else if (plan.users === 'helpdesk') {
        // Every hostile id, the first one several times per pool; a few users in several pools.
        if (i < HOSTILE_USER_IDS.length) id = HOSTILE_USER_IDS[i];
        else if (i % 10 === 3) id = DEMO_HOSTILE_MULTI_USER_ID;
        else if (i % 10 === 7) id = `agent.roaming${i % 3}@globex.example`;
      } else if (plan.id === 'wspool-analysts1' && i === 0) {
        id = 'alice.smith@acme.example';
      }
      const started = nowSeconds - 60 - random.int(maxDuration - 120);
      const session: WireSession = {
        SessionId: random.uuid(),
        PoolId: plan.id,
        UserId: id,
        ConnectionState: random.chance(0.8) ? 'CONNECTED' : 'NOT_CONNECTED',
        StartTime: started,
        ExpirationTime: started + maxDuration,
        ...newSessionPlacement(random),
      };
      if (saml) session.AuthenticationType = 'SAML';
      sessions[i] = session;
    }
    const pool: WirePool = {
      PoolId: plan.id,
      PoolArn: `arn:aws:workspaces:${plan.region}:${account.accountId}:workspacespool/${plan.id}`,
      CapacityStatus: capacityFor(plan.state, plan.desired, plan.sessions),
      PoolName: plan.name,
      State: plan.state,
      CreatedAt: nowSeconds - 86_400 * (30 + random.int(400)),
      BundleId: `wsb-${random.string('0123456789abcdefghijklmnopqrstuvwxyz', 9)}`,
      DirectoryId: `wsd-${random.string('0123456789abcdefghijklmnopqrstuvwxyz', 9)}`,
      RunningMode: plan.mode,
      TimeoutSettings: {
        DisconnectTimeoutInSeconds: 900,
        IdleDisconnectTimeoutInSeconds: 900,
        MaxUserDurationInSeconds: maxDuration,
      },
      ApplicationSettings: plan.users === 'corp'
        ? { Status: 'ENABLED', SettingsGroup: `${plan.name}-settings`, S3BucketName: `wspool-app-settings-${account.accountId}` }
        : { Status: 'DISABLED' },
    };
    if (plan.description) pool.Description = plan.description;
    if (plan.errors) pool.Errors = plan.errors;
    pools.push({ accountId: account.accountId, region: plan.region, pool, sessions });
  }
  return { accounts, regions: [...DEMO_REGIONS], pools };
}
