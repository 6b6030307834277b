// Hidden characters in ids (src/core/invisible.ts): written out, flagged, and told apart from case.
import * as assert from 'assert';
import type { WorkspacesPool } from '@aws-sdk/client-workspaces';
import { hasHiddenCharacters, lookalikeDifference, lookalikeNote, showHidden } from '../../src/core/invisible';
import { escapeMarkdown } from '../../src/core/text';
import { localDateTime, localNumber } from '../../src/core/time';
import { poolTooltip, sessionTooltip } from '../../src/tree/labels';

describe('core/invisible', () => {
  it('writes out bidi controls, zero-width and format characters, controls and odd spaces', () => {
    assert.strictEqual(showHidden('\u202Egnp.exe@globex.example'), '⟨U+202E⟩gnp.exe@globex.example');
    assert.strictEqual(showHidden('ad\u200Bmin@globex.example'), 'ad⟨U+200B⟩min@globex.example');
    const every = ['\u202A', '\u202B', '\u202C', '\u202D', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD', '\u0000', '\n', '\u001b', '\u007f', '\u0085', '\u009f', '\u2028', '\u00A0', '\u3164', '\u{E0041}'];
    for (const ch of every) {
      const shown = showHidden(`a${ch}b`);
      assert.strictEqual(shown, `a⟨U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}⟩b`, JSON.stringify(ch));
      assert.ok(hasHiddenCharacters(`a${ch}b`), JSON.stringify(ch));
    }
  });

  it('leaves ordinary text, spaces, accents, scripts and emoji alone', () => {
    for (const id of ['alice@acme.example', 'two words', 'zoë.müller@acme.example', '张伟@acme.example', 'علي.حسن@globex.example', 'Ωmega_ñandú']) {
      assert.strictEqual(showHidden(id), id);
      assert.strictEqual(hasHiddenCharacters(id), false, id);
    }
  });

  it('escapes the escape bracket itself, so no id can forge an escape', () => {
    assert.strictEqual(showHidden('ad⟨U+200B⟩min'), 'ad⟨U+27E8⟩U+200B⟩min');
    assert.notStrictEqual(showHidden('ad⟨U+200B⟩min'), showHidden('ad\u200Bmin'));
  });

  it('says how an id differs from a filter when only hidden characters or case do', () => {
    assert.strictEqual(lookalikeDifference('admin@globex.example', 'ad\u200Bmin@globex.example'), 'hidden characters');
    assert.strictEqual(lookalikeDifference('admin@globex.example', 'Admin@Globex.example'), 'case');
    assert.strictEqual(lookalikeDifference('admin@globex.example', 'AD\u200Bmin@globex.example'), 'hidden characters and case');
    assert.strictEqual(lookalikeDifference('admin@globex.example', 'admin@globex.example'), undefined);
    assert.strictEqual(lookalikeDifference('admin@globex.example', 'admin2@globex.example'), undefined);
    assert.strictEqual(
      lookalikeNote('admin@globex.example', ['bob@x', 'ad\u200Bmin@globex.example']),
      'a loaded user id differs only by invisible characters: ad⟨U+200B⟩min@globex.example',
    );
    assert.strictEqual(lookalikeNote('admin@globex.example', ['bob@x']), undefined);
  });
});

describe('one time convention, counts in the locale (src/core/time.ts)', () => {
  it('shows local time with the zone named, the same for tree tooltips and the details page', () => {
    const start = new Date('2026-11-28T08:00:00Z');
    const shown = localDateTime(start, { locale: 'en-US', timeZone: 'Europe/Berlin' });
    assert.strictEqual(shown, 'Nov 28, 2026, 09:00:00 AM GMT+1');
    assert.strictEqual(localDateTime('not a date'), undefined);
    const tip = sessionTooltip({ SessionId: 's', PoolId: 'p', UserId: 'u', StartTime: start }, start.getTime() + 3600_000, { locale: 'en-US', timeZone: 'Europe/Berlin' });
    assert.ok(tip.includes(escapeMarkdown('Nov 28, 2026, 09:00:00 AM GMT+1')), tip);
    assert.ok(!tip.includes('2026\\-11\\-28T08'), 'no UTC ISO time in the tooltip');
    const poolTip = poolTooltip({ PoolId: 'p', CreatedAt: start, CapacityStatus: { ActiveUserSessions: 5000, DesiredUserSessions: 5000, AvailableUserSessions: 0, ActualUserSessions: 5000 } } as WorkspacesPool, 'us-east-1', undefined, { locale: 'en-US', timeZone: 'UTC' });
    assert.ok(poolTip.includes(escapeMarkdown('Nov 28, 2026, 08:00:00 AM UTC')), poolTip);
    assert.ok(poolTip.includes(escapeMarkdown('5,000 active')), poolTip);
    assert.strictEqual(localNumber(1234567, 'de-DE'), '1.234.567');
    assert.strictEqual(localNumber(5000, 'not a locale!'), new Intl.NumberFormat().format(5000));
  });

  it('flags a user id with hidden characters in its tooltip', () => {
    const tip = sessionTooltip({ SessionId: 's', PoolId: 'p', UserId: '\u202Egnp.exe@globex.example' });
    assert.ok(tip.startsWith('### ⟨U\\+202E⟩gnp\\.exe\\@globex\\.example'), tip);
    assert.ok(tip.includes('invisible or direction\\-control characters'), tip);
    assert.ok(!tip.includes('\u202E'));
    assert.ok(!sessionTooltip({ SessionId: 's', PoolId: 'p', UserId: 'alice' }).includes('invisible'));
  });
});
