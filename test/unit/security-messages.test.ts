// Outside strings in messages, tooltips and quick picks, and the `aws` the sign-in runs (plain Node):
// links in notifications, region codes, the SSO advice, errors without a profile or described twice,
// the PATH lookup, and what package.json lets an untrusted folder set.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describeError } from '../../src/aws/describeError';
import { DescribedError, SsoLoginError, ssoProfileOf } from '../../src/aws/errors';
import { loadProfiles } from '../../src/aws/profiles';
import { poolPickItem, profilePickItem, sessionPickItem } from '../../src/commands/pickItems';
import { checkRegions, isRegion } from '../../src/core/regions';
import { escapeMarkdown, noticeText } from '../../src/core/text';
import { Choices, type StateStore } from '../../src/model/choices';
import { ExplorerModel } from '../../src/model/explorerModel';
import type { Gateway } from '../../src/aws/lazyGateway';
import type { PoolEntry, ProfileEntry } from '../../src/model/items';
import { errorTooltip } from '../../src/tree/labels';
import { HOSTILE_PROFILE_NAMES, HOSTILE_REGIONS, LINK_PAYLOADS, oneLineForm } from '../support/security';

/**
 * The parser of VS Code's notifications (parseLinkedText in src/vs/base/common/linkedText.ts, as
 * shipped in the code-server 4.100.3 workbench the harness runs): every match becomes a link.
 */
const LINKED_TEXT = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;
const links = (text: string) => [...text.matchAll(LINKED_TEXT)].map((m) => m[2]);
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

describe('security: messages', () => {
  describe('notifications', () => {
    it('shows every link payload as text: no link is parsed, and the words read the same', () => {
      for (const payload of [...LINK_PAYLOADS, ...HOSTILE_PROFILE_NAMES, ...HOSTILE_REGIONS]) {
        const message = `WorkSpaces Pools: Refresh Pool: ${payload}: Could not reach the endpoint.`;
        const shown = noticeText(message);
        assert.deepStrictEqual(links(shown), [], `a link in ${JSON.stringify(shown)}`);
        assert.ok(!CONTROL.test(shown), `a control character in ${JSON.stringify(shown)}`);
        assert.strictEqual(shown.replace(/\u200b/g, ''), oneLineForm(message), 'only invisible breaks added');
        assert.ok(!shown.includes('$('), 'icon syntax broken');
      }
      // The parser above does find the payloads as they are: the check is not vacuous.
      assert.deepStrictEqual(links(LINK_PAYLOADS[0]), ['command:workbench.extensions.installExtension?%22evil.publisher-ext%22']);
      for (const payload of LINK_PAYLOADS) assert.strictEqual(links(`[a ${payload}`).length, 1, payload);
    });
  });

  describe('regions', () => {
    it('accepts region codes and refuses every hostile region', () => {
      for (const r of ['us-east-1', 'eu-west-3', 'us-gov-west-1', 'ap-southeast-2', 'il-central-1']) assert.ok(isRegion(r), r);
      for (const r of [...HOSTILE_REGIONS, ' us-east-1', 'us-east-1 ', 'us-east-123', undefined, 42, ['us-east-1']]) assert.ok(!isRegion(r), JSON.stringify(r));
      assert.deepStrictEqual(checkRegions(['us-east-1', HOSTILE_REGIONS[0], 'eu-west-1', 'us-east-1', HOSTILE_REGIONS[1]]), {
        valid: ['us-east-1', 'eu-west-1'],
        invalid: [HOSTILE_REGIONS[0], HOSTILE_REGIONS[1]],
      });
    });

    it('makes a profile whose region in the config file is not a region code fail before any client, with a clear problem', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wsp-regions-'));
      try {
        const config = path.join(dir, 'config');
        fs.writeFileSync(config, `[profile good]\nregion = us-east-1\n\n[profile bad]\nregion = ${LINK_PAYLOADS[0]}\n`);
        const profiles = await loadProfiles({ HOME: dir, AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials') });
        const byName = new Map(profiles.map((p) => [p.name, p]));
        assert.strictEqual(byName.get('good')?.problem, undefined);
        const problem = byName.get('bad')?.problem ?? '';
        assert.match(problem, /region .* is not a region code/);
        assert.ok(!problem.includes('command:'), 'the problem does not repeat the value');
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('errors', () => {
    it('never pastes a profile name into a command line, and names it in words on one line', () => {
      for (const name of HOSTILE_PROFILE_NAMES) {
        const d = describeError(new SsoLoginError(name, new Error('x')), name);
        assert.strictEqual(d.kind, 'sso-login');
        assert.doesNotMatch(d.message, /--profile/);
        assert.ok(!CONTROL.test(d.message), JSON.stringify(d.message));
        assert.ok(d.message.includes('Sign In with IAM Identity Center'), d.message);
      }
    });

    it('describes errors without a profile name as such, never as profile ""', () => {
      const expired = Object.assign(new Error('The security token included in the request is expired'), { name: 'ExpiredTokenException', $metadata: { httpStatusCode: 400 } });
      for (const profile of ['', undefined]) {
        for (const error of [expired, Object.assign(new Error('Command failed: x'), { name: 'CredentialsProviderError' })]) {
          const d = describeError(error, profile);
          assert.doesNotMatch(d.message, /profile ""|--profile\s*$/, d.message);
          assert.match(d.message, /the profile in use/i, d.message);
        }
      }
      // An SsoLoginError names its profile itself: the command wrapper, which knows none, still shows it.
      const sso = describeError(new SsoLoginError('acme-prod', new Error('x')), '');
      assert.match(sso.message, /profile "acme-prod"/);
      assert.strictEqual(ssoProfileOf(new SsoLoginError('acme-prod', new Error('x'))), 'acme-prod');
      assert.strictEqual(ssoProfileOf(new Error('x')), undefined);
    });

    it('keeps the kind of an error the explorer described when a command passes it on', async () => {
      // The explorer's model over a gateway whose SSO sign-in has expired: a palette command asks it
      // for every pool of the profile and gets the region's error row back as an error.
      const name = 'acme-prod';
      const gateway: Gateway = {
        listProfiles: async () => [{ name, kind: 'sso', region: 'us-east-1', ssoSession: 's' }],
        listPools: async () => {
          throw new SsoLoginError(name, new Error('Token is expired'));
        },
        sessionsPage: async () => ({ sessions: [] }),
        findSession: async () => undefined,
        describePool: async () => undefined,
        terminateSession: async () => undefined,
        startPool: async () => undefined,
        stopPool: async () => undefined,
        pageSessions: async function* () {},
        describeError,
        reset: () => undefined,
      };
      const store = new Map<string, unknown>();
      const state: StateStore = { get: <T>(k: string, d: T) => (store.has(k) ? (store.get(k) as T) : d), update: async (k, v) => void store.set(k, v) };
      const model = new ExplorerModel({ gateway, choices: new Choices(state), settings: () => ({ profiles: [], regions: [], pageSize: 50 }), log: () => undefined });
      const profile = (await model.children()).find((i): i is ProfileEntry => i.kind === 'profile');
      assert.ok(profile);
      const error = await model.poolsOf(profile).then(
        () => assert.fail('poolsOf succeeded'),
        (e: unknown) => e,
      );
      const d = describeError(error);
      assert.strictEqual(d.kind, 'sso-login', d.message);
      assert.match(d.message, /^us-east-1: The IAM Identity Center sign-in for profile "acme-prod"/);
      assert.strictEqual(ssoProfileOf(error), name, 'the command wrapper can offer the sign-in for it');
      // And as a plain description passed on, too.
      assert.strictEqual(describeError(new DescribedError({ kind: 'throttled', message: 'slow', retryable: true }, undefined, 'eu-west-1')).kind, 'throttled');
    });
  });

  describe('quick picks', () => {
    it('shows $(icon) syntax from every field of the service data and the AWS files as text', () => {
      const icon = '$(bug)';
      const profile = { name: `p${icon}`, info: { name: `p${icon}`, kind: 'static' } } as unknown as ProfileEntry;
      const pool = {
        name: `pool ${icon}`,
        profile: `prof ${icon}`,
        region: `us-east-1${icon}`,
        poolId: `wspool-${icon}`,
        userFilter: `u ${icon}`,
        pool: { State: `RUNNING ${icon}` },
      } as unknown as PoolEntry;
      const session = { SessionId: `s-${icon}`, UserId: `user ${icon}`, ConnectionState: `CONNECTED ${icon}` } as never;
      const items = [profilePickItem(profile, [`eu-west-1${icon}`]), poolPickItem(pool), sessionPickItem(pool, session, true), sessionPickItem(pool, session, false)];
      for (const item of items) {
        for (const [field, text] of Object.entries({ label: item.label, description: item.description, detail: item.detail })) {
          assert.ok(!(text ?? '').includes('$('), `${field}: ${JSON.stringify(text)}`);
        }
      }
      // Every field was filled from the data (the check is not vacuous).
      assert.ok(items.every((i) => [i.label, i.description, i.detail].filter((t) => t?.includes('(bug)')).length >= 2));
      assert.match(sessionPickItem(pool, session, false).detail ?? '', /^CONNECTED \$\u200b\(bug\)$/);
    });
  });

  describe('SSO tooltip', () => {
    /** The code spans of a markdown text (single backticks, as the tooltip writes them). */
    const codeSpans = (md: string) => [...md.matchAll(/(?<!\\)`([^`]*)`/g)].map((m) => m[1]);

    it('names the profile escaped in words, with no code span around escaped text and no command line to copy', () => {
      const info = describeError(new SsoLoginError('acme-prod', new Error('x')), 'acme-prod');
      for (const name of ['acme-prod', ...HOSTILE_PROFILE_NAMES, 'back`tick`s']) {
        const md = errorTooltip(info, name);
        for (const span of codeSpans(md)) {
          assert.ok(!span.includes('\\'), `a backslash escape inside a code span would be shown as typed: \`${span}\``);
          assert.strictEqual(span, 'aws sso login', `only the constant command in code: \`${span}\``);
        }
        assert.doesNotMatch(md, /--profile/);
        assert.ok(md.includes(`profile ${escapeMarkdown(name)} `), md);
      }
      assert.doesNotMatch(errorTooltip(info, undefined), /Click this row/);
    });
  });

  describe('package.json', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
      capabilities: { untrustedWorkspaces: { supported: unknown; restrictedConfigurations?: string[]; description?: string } };
      contributes: { configuration: { properties: Record<string, { markdownDescription?: string; scope?: string }> } };
    };

    it('keeps an untrusted folder from setting profiles, regions and the request timeout', () => {
      const trust = manifest.capabilities.untrustedWorkspaces;
      // VS Code reads restrictedConfigurations only when supported is "limited".
      assert.strictEqual(trust.supported, 'limited');
      assert.ok(trust.description);
      for (const key of ['workspacesPools.profiles', 'workspacesPools.regions', 'workspacesPools.requestTimeoutSeconds', 'workspacesPools.callDeadlineSeconds']) {
        const property = manifest.contributes.configuration.properties[key];
        assert.ok(property, key);
        const restricted = trust.restrictedConfigurations?.includes(key) ?? false;
        assert.ok(restricted || property.scope === 'application' || property.scope === 'machine', `${key} can be set by an untrusted folder`);
        assert.match(property.markdownDescription ?? '', /Restricted Mode/, `${key}: the description says so`);
      }
    });
  });
});
