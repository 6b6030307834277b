import * as assert from 'node:assert/strict';
import { accountFromArn, consoleUrls, regionFromArn } from '../../src/core/consoleLinks';
import { truncate } from '../../src/core/text';
import { duration, relativeTime } from '../../src/core/time';

describe('format: durations and relative times', () => {
  it('formats durations with at most two units', () => {
    assert.equal(duration(0), '0 s');
    assert.equal(duration(45_000), '45 s');
    assert.equal(duration(59_999), '59 s');
    assert.equal(duration(60_000), '1 min');
    assert.equal(duration(3 * 60_000 + 59_000), '3 min');
    assert.equal(duration(3_600_000), '1 h');
    assert.equal(duration(2 * 3_600_000 + 5 * 60_000), '2 h 05 min');
    assert.equal(duration(86_400_000), '1 d');
    assert.equal(duration(3 * 86_400_000 + 4 * 3_600_000 + 59 * 60_000), '3 d 4 h');
  });

  it('formats negative durations by magnitude and refuses nonsense', () => {
    assert.equal(duration(-90_000), '1 min');
    assert.equal(duration(Number.NaN), '—');
    assert.equal(duration(Number.POSITIVE_INFINITY), '—');
  });

  it('says how long ago or how far ahead, rounding toward zero', () => {
    const now = new Date('2026-11-28T12:00:00Z');
    const at = (iso: string) => relativeTime(new Date(iso), now);
    assert.equal(at('2026-11-28T12:00:00Z'), 'now');
    assert.equal(at('2026-11-28T11:59:30Z'), '30 seconds ago');
    assert.equal(at('2026-11-28T11:55:00Z'), '5 minutes ago');
    assert.equal(at('2026-11-28T09:00:00Z'), '3 hours ago');
    assert.equal(at('2026-11-28T12:59:00Z'), 'in 59 minutes');
    assert.equal(at('2026-11-28T14:00:00Z'), 'in 2 hours');
    assert.equal(at('2026-11-29T12:00:00Z'), 'tomorrow');
    assert.equal(at('2026-11-25T12:00:00Z'), '3 days ago');
    assert.equal(relativeTime(new Date('invalid'), now), '—');
    // The same formatter, narrow, is what tree rows show.
    assert.equal(relativeTime(new Date('2026-11-28T09:00:00Z'), now, { style: 'narrow' }), '3h ago');
    assert.equal(relativeTime(new Date('2026-12-01T12:00:00Z'), now, { style: 'narrow' }), 'in 3d');
  });

  it('honours the locale', () => {
    const now = new Date('2026-11-28T12:00:00Z');
    assert.equal(relativeTime(new Date('2026-11-28T10:00:00Z'), now, { locale: 'de' }), 'vor 2 Stunden');
  });
});

describe('format: ARNs', () => {
  it('reads the account and region of a pool ARN', () => {
    const arn = 'arn:aws:workspaces:eu-west-1:123456789012:workspacespool/wspool-abc123def';
    assert.equal(accountFromArn(arn), '123456789012');
    assert.equal(regionFromArn(arn), 'eu-west-1');
    assert.equal(accountFromArn('arn:aws-us-gov:workspaces:us-gov-west-1:210987654321:workspacespool/x'), '210987654321');
  });

  it('gives nothing for what is not an ARN', () => {
    for (const value of [undefined, '', 'arn', 'arn:aws:workspaces:eu-west-1:12345:x', 'nope:aws:ws:r:123456789012:x', 'arn:aws:s3:::bucket']) {
      assert.equal(accountFromArn(value), undefined, String(value));
    }
    assert.equal(regionFromArn('arn:aws:s3:::bucket'), undefined);
  });
});

describe('format: console links', () => {
  it('builds links in the session region', () => {
    const urls = consoleUrls('eu-central-1', 'wspool-abc123def', 'i-0123456789abcdef0', 'eni-0123456789abcdef0');
    assert.equal(urls.pool, 'https://eu-central-1.console.aws.amazon.com/workspaces/v2/pools/wspool-abc123def?region=eu-central-1');
    assert.equal(urls.instance, 'https://eu-central-1.console.aws.amazon.com/ec2/home?region=eu-central-1#InstanceDetails:instanceId=i-0123456789abcdef0');
    assert.equal(
      urls.eni,
      'https://eu-central-1.console.aws.amazon.com/ec2/home?region=eu-central-1#NetworkInterface:networkInterfaceId=eni-0123456789abcdef0',
    );
  });

  it('uses the GovCloud console for GovCloud regions', () => {
    assert.match(consoleUrls('us-gov-west-1', 'wspool-abc123def').pool ?? '', /^https:\/\/us-gov-west-1\.console\.amazonaws-us-gov\.com\//);
  });

  it('builds no link from a malformed region or id', () => {
    assert.deepEqual(consoleUrls('evil.com/x', 'wspool-abc123def', 'i-01234567', 'eni-01234567'), {});
    assert.deepEqual(consoleUrls('us-east-1', 'wspool-abc123def/../../x', 'i-0123456z', 'eni-01234567#x'), {});
    assert.deepEqual(consoleUrls('us-east-1', undefined, undefined, undefined), {});
    assert.ok(consoleUrls('us-east-1', undefined, 'i-01234567').instance);
  });
});

describe('format: truncate', () => {
  it('keeps short text and cuts long text on code points', () => {
    assert.equal(truncate('alice', 10), 'alice');
    assert.equal(truncate('abcdefghijk', 5), 'abcd…');
    assert.equal(truncate('😀😀😀😀😀😀', 4), '😀😀😀…');
  });
});
