import * as assert from 'node:assert/strict';
import type { WorkspacesPool, WorkspacesPoolSession } from '@aws-sdk/client-workspaces';
import { asSessionRef, sessionJson, sessionKey, toPoolView, toSessionView, type SessionRef } from '../../src/core/session';
import { parsePageMessage } from '../../src/details/protocol';
import { buildDetails } from '../../src/details/viewModel';

const ref: SessionRef = { profile: 'dev', region: 'eu-west-1', poolId: 'wspool-abc123def', sessionId: '0f1e2d3c-aaaa-bbbb-cccc-0123456789ab', userId: 'alice' };

const session: WorkspacesPoolSession = {
  SessionId: ref.sessionId,
  PoolId: ref.poolId,
  UserId: 'alice',
  AuthenticationType: 'SAML',
  ConnectionState: 'CONNECTED',
  InstanceId: 'i-0123456789abcdef0',
  StartTime: new Date('2026-11-28T08:00:00Z'),
  ExpirationTime: new Date('2026-11-28T20:00:00Z'),
  NetworkAccessConfiguration: { EniId: 'eni-0123456789abcdef0', EniPrivateIpAddress: '10.0.1.23' },
};

const pool: WorkspacesPool = {
  PoolId: ref.poolId,
  PoolArn: 'arn:aws:workspaces:eu-west-1:123456789012:workspacespool/wspool-abc123def',
  PoolName: 'help-desk',
  State: 'RUNNING',
  RunningMode: 'AUTO_STOP',
  CreatedAt: new Date('2026-01-01T00:00:00Z'),
  BundleId: 'wsb-12345678',
  DirectoryId: 'wsd-12345678',
  CapacityStatus: { AvailableUserSessions: 2, DesiredUserSessions: 5, ActualUserSessions: 5, ActiveUserSessions: 3 },
};

describe('webview view model', () => {
  it('turns a session and its pool into plain data with ISO times', () => {
    const data = buildDetails(ref, toSessionView(session, ref), toPoolView(pool), new Date('2026-11-28T12:00:00Z'));
    assert.deepEqual(data.session, {
      userId: 'alice',
      sessionId: ref.sessionId,
      poolId: ref.poolId,
      connectionState: 'CONNECTED',
      authenticationType: 'SAML',
      startTime: '2026-11-28T08:00:00.000Z',
      expirationTime: '2026-11-28T20:00:00.000Z',
      instanceId: 'i-0123456789abcdef0',
      eniId: 'eni-0123456789abcdef0',
      eniPrivateIp: '10.0.1.23',
    });
    assert.equal(data.account, '123456789012');
    assert.deepEqual(data.pool?.capacity, { available: 2, desired: 5, actual: 5, active: 3 });
    assert.deepEqual(data.links, { pool: true, instance: true, eni: true });
    assert.equal(data.fetchedAt, '2026-11-28T12:00:00.000Z');
    // What crosses postMessage survives JSON unchanged (no Date objects, no class instances).
    const roundTripped = JSON.parse(JSON.stringify(data));
    assert.deepEqual(roundTripped.session, data.session);
    assert.equal(roundTripped.pool.capacity.active, 3);
  });

  it('copes with a bare session (not connected, no network yet)', () => {
    const bare = toSessionView({ SessionId: ref.sessionId, PoolId: ref.poolId, UserId: 'alice' }, ref);
    const data = buildDetails(ref, bare, undefined, new Date());
    assert.deepEqual(data.links, { pool: true, instance: false, eni: false });
    assert.equal(data.account, undefined);
    assert.equal(bare.startTime, undefined);
  });

  it('copies the session with the API member names', () => {
    const json = JSON.parse(sessionJson(toSessionView(session, ref)));
    assert.deepEqual(json, JSON.parse(JSON.stringify(session)));
  });
});

describe('webview protocol', () => {
  it('accepts only well-formed page messages', () => {
    assert.deepEqual(parsePageMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parsePageMessage({ type: 'refresh', extra: 1 }), { type: 'refresh' });
    assert.deepEqual(parsePageMessage({ type: 'copy', field: 'eniId' }), { type: 'copy', field: 'eniId' });
    assert.deepEqual(parsePageMessage({ type: 'openConsole', target: 'eni' }), { type: 'openConsole', target: 'eni' });
    // Terminate names no session: what the page might add is dropped, the host acts on its own ref.
    assert.deepEqual(parsePageMessage({ type: 'terminate' }), { type: 'terminate' });
    assert.deepEqual(parsePageMessage({ type: 'terminate', sessionId: 'someone-else', ref: { poolId: 'x' } }), { type: 'terminate' });
    for (const bad of [
      null,
      'ready',
      {},
      { type: 'copy', field: 'secret' },
      { type: 'copy', field: 'toString' },
      { type: 'openConsole', target: 'https://evil.example' },
      { type: 'openConsole', url: 'https://evil.example' },
      // The page reports nothing of what it rendered: the tests read the page itself.
      { type: 'rendered', revision: 1, fields: {}, times: {}, status: 'fresh', stale: false },
      { type: 'eval', code: 'x' },
      { type: 'Terminate' },
      { type: ['terminate'] },
    ]) {
      assert.equal(parsePageMessage(bad), undefined, JSON.stringify(bad));
    }
  });

  it('reads a session ref from tree nodes and saved state, and nothing else', () => {
    assert.deepEqual(asSessionRef({ ...ref, session: {}, parent: {} }), ref);
    assert.equal(asSessionRef({ ...ref, userId: '' }), undefined);
    assert.equal(asSessionRef({ ...ref, region: 1 }), undefined);
    assert.equal(asSessionRef(undefined), undefined);
    assert.equal(sessionKey(ref), JSON.stringify(['dev', 'eu-west-1', 'wspool-abc123def', ref.sessionId]));
    // Profile names may hold '/': the key of one session never equals another's.
    assert.notEqual(sessionKey({ ...ref, profile: 'a/b', region: 'c' }), sessionKey({ ...ref, profile: 'a', region: 'b/c' }));
  });
});
