// The export writers in plain Node: CSV read back with a real CSV parser (csv-parse) and JSON read
// back with JSON.parse, for hostile values (formulas, quotes, line breaks, commas, bidi and
// invisible characters, unicode); and the file's atomicity (cancel, failure, an existing file).
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { WorkspacesPoolSession } from '@aws-sdk/client-workspaces';
import { parse } from 'csv-parse/sync';
import { HOSTILE_USER_IDS, UNICODE_USER_IDS } from '../../emulator/demoScenario';
import { FLAG_USER_IDS } from '../support/security';
import { CSV_COLUMNS } from '../../src/export/formats';
import { fileName, listSource, poolSource, type ExportSource, type SessionRecord } from '../../src/export/source';
import { ExportFileError, writeExport } from '../../src/export/writer';

/** Cells a spreadsheet would run as formulas (OWASP CSV injection), each with what the CSV must hold. */
const FORMULAS: [value: string, csv: string][] = [
  ['=HYPERLINK("http://evil.example","x")', `'=HYPERLINK("http://evil.example","x")`],
  ['+1+cmd|" /C calc"!A0', `'+1+cmd|" /C calc"!A0`],
  ['-2+3', `'-2+3`],
  ['@SUM(1,2)', `'@SUM(1,2)`],
  ['\t=1+1', `'\t=1+1`],
  ['\r=1+1', `'\r=1+1`],
  ['＝1+1', `'＝1+1`],
];

const HOSTILE: string[] = [
  ...FORMULAS.map(([v]) => v),
  'comma, inside',
  'quote " inside "" twice',
  '"quoted"',
  'line\nbreak',
  'carriage\rreturn',
  'crlf\r\nend',
  'trailing space ',
  ' leading space',
  'a\u2028b\u2029c',
  ...HOSTILE_USER_IDS,
  ...UNICODE_USER_IDS,
  ...FLAG_USER_IDS,
];

function session(i: number, userId: string): WorkspacesPoolSession {
  return {
    SessionId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    PoolId: 'wspool-abc123def',
    UserId: userId,
    ConnectionState: i % 2 ? 'CONNECTED' : 'NOT_CONNECTED',
    AuthenticationType: 'SAML',
    InstanceId: i % 3 ? `i-0${String(i).padStart(16, '0')}` : undefined,
    StartTime: new Date(Date.UTC(2026, 10, 1, 8, 0, i)),
    ExpirationTime: i % 4 ? new Date(Date.UTC(2026, 10, 2, 8, 0, 0, 500)) : undefined,
    NetworkAccessConfiguration: i % 5 ? { EniId: `eni-${i}`, EniPrivateIpAddress: `10.0.0.${i % 250}` } : undefined,
  };
}

const records: SessionRecord[] = HOSTILE.map((u, i) => ({ profile: i % 2 ? 'acme-prod' : 'prof "x",\n=1', region: 'us-east-1', session: session(i, u) }));

/** Pages as a pool source gives them, from an array. */
function pagedSource(all: SessionRecord[], pageSize = 7, after?: (page: number) => void): ExportSource {
  return {
    label: 'test',
    suggestedFileName: 'test',
    async *pages(signal) {
      for (let i = 0, page = 0; i < all.length; i += pageSize, page++) {
        signal.throwIfAborted();
        yield all.slice(i, i + pageSize);
        after?.(page);
      }
    },
  };
}

function expectedCsvCell(value: string): string {
  const formula = FORMULAS.find(([v]) => v === value);
  return formula ? formula[1] : value;
}

let dir: string;

describe('export writers', () => {
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wsp-export-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes CSV that a real CSV parser reads back cell for cell, formulas neutralised', async () => {
    const target = path.join(dir, 'out.csv');
    const progress: number[] = [];
    const result = await writeExport(pagedSource(records), { format: 'csv', target, onProgress: (n) => progress.push(n) });
    assert.strictEqual(result.sessions, records.length);
    assert.strictEqual(progress[progress.length - 1], records.length);
    assert.deepStrictEqual(progress, [...progress].sort((a, b) => a - b), 'the count only grows');
    const text = fs.readFileSync(target, 'utf8');
    assert.ok(text.startsWith('\uFEFFProfile,Region,PoolId,SessionId,UserId,'), 'BOM, then the header');
    // RFC 4180: every record ends with CRLF, and no line break appears outside quotes.
    assert.ok(text.endsWith('\r\n'));
    const rows = parse(text, { bom: true, relax_quotes: false, relax_column_count: false }) as string[][];
    assert.deepStrictEqual(rows[0], [...CSV_COLUMNS]);
    assert.strictEqual(rows.length, records.length + 1);
    records.forEach((r, i) => {
      const row = Object.fromEntries(CSV_COLUMNS.map((c, j) => [c, rows[i + 1][j]]));
      const s = r.session;
      assert.deepStrictEqual(row, {
        Profile: expectedCsvCell(r.profile),
        Region: r.region,
        PoolId: s.PoolId,
        SessionId: s.SessionId,
        UserId: expectedCsvCell(s.UserId!),
        ConnectionState: s.ConnectionState,
        AuthenticationType: s.AuthenticationType,
        StartTime: s.StartTime!.toISOString(),
        ExpirationTime: s.ExpirationTime?.toISOString() ?? '',
        InstanceId: s.InstanceId ?? '',
        EniId: s.NetworkAccessConfiguration?.EniId ?? '',
        EniPrivateIpAddress: s.NetworkAccessConfiguration?.EniPrivateIpAddress ?? '',
      });
    });
    // No cell of the file starts with a formula character: each was prefixed.
    for (const row of rows) for (const cell of row) assert.ok(!/^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(cell), `cell ${JSON.stringify(cell)} would run as a formula`);
  });

  it('writes JSON that JSON.parse reads back as the API names it, values exact, times in ISO 8601', async () => {
    const target = path.join(dir, 'out.json');
    const result = await writeExport(pagedSource(records), { format: 'json', target });
    assert.strictEqual(result.sessions, records.length);
    const parsed = JSON.parse(fs.readFileSync(target, 'utf8')) as Record<string, unknown>[];
    assert.deepStrictEqual(
      parsed,
      records.map((r) => {
        const s = r.session;
        const wire: Record<string, unknown> = { Profile: r.profile, Region: r.region, SessionId: s.SessionId, PoolId: s.PoolId, UserId: s.UserId };
        wire.ConnectionState = s.ConnectionState;
        wire.AuthenticationType = s.AuthenticationType;
        if (s.InstanceId) wire.InstanceId = s.InstanceId;
        wire.StartTime = s.StartTime!.toISOString();
        if (s.ExpirationTime) wire.ExpirationTime = s.ExpirationTime.toISOString();
        if (s.NetworkAccessConfiguration) wire.NetworkAccessConfiguration = { ...s.NetworkAccessConfiguration };
        return wire;
      }),
    );
    assert.match(String(parsed[0].StartTime), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('writes an empty source as a header alone (CSV) and [] (JSON)', async () => {
    await writeExport(pagedSource([]), { format: 'csv', target: path.join(dir, 'e.csv') });
    await writeExport(pagedSource([]), { format: 'json', target: path.join(dir, 'e.json') });
    assert.deepStrictEqual(parse(fs.readFileSync(path.join(dir, 'e.csv'), 'utf8'), { bom: true }), [[...CSV_COLUMNS]]);
    assert.deepStrictEqual(JSON.parse(fs.readFileSync(path.join(dir, 'e.json'), 'utf8')), []);
  });

  for (const format of ['csv', 'json'] as const) {
    it(`${format}: a cancel mid-way leaves no file, and an existing file at the name untouched`, async () => {
      const target = path.join(dir, `old.${format}`);
      fs.writeFileSync(target, 'the previous export');
      const controller = new AbortController();
      const many = Array.from({ length: 500 }, (_, i) => records[i % records.length]);
      let pagesRead = 0;
      const run = writeExport(
        pagedSource(many, 50, (page) => {
          pagesRead = page + 1;
          if (page === 2) controller.abort();
        }),
        { format, target, signal: controller.signal },
      );
      await assert.rejects(run, (e: Error) => e.name === 'AbortError');
      assert.ok(pagesRead < 10, `stopped reading after the cancel (${pagesRead} pages read)`);
      assert.strictEqual(fs.readFileSync(target, 'utf8'), 'the previous export');
      assert.deepStrictEqual(fs.readdirSync(dir), [`old.${format}`], 'no temporary file left');
    });

    it(`${format}: a source that fails mid-way leaves no file under the chosen name`, async () => {
      const target = path.join(dir, `new.${format}`);
      const failing: ExportSource = {
        label: 'failing',
        suggestedFileName: 'failing',
        async *pages() {
          yield records.slice(0, 5);
          const error = new Error('Rate exceeded');
          error.name = 'ThrottlingException';
          throw error;
        },
      };
      await assert.rejects(writeExport(failing, { format, target }), (e: Error) => e.name === 'ThrottlingException');
      assert.deepStrictEqual(fs.readdirSync(dir), [], 'neither the file nor a temporary one');
    });
  }

  it('says which file it could not write, in words, when the folder does not exist, before reading a page', async () => {
    const target = path.join(dir, 'missing', 'out.csv');
    let pagesRead = 0;
    const source: ExportSource = {
      ...pagedSource(records),
      async *pages() {
        pagesRead++;
        yield records;
      },
    };
    await assert.rejects(writeExport(source, { format: 'csv', target }), (e: unknown) => {
      assert.ok(e instanceof ExportFileError);
      assert.strictEqual(e.message, `Could not write ${target}: the folder does not exist.`);
      return true;
    });
    assert.strictEqual(pagesRead, 0, 'no page (no request to AWS) for a file that cannot be written');
  });

  it('replaces an existing file once the export is complete', async () => {
    const target = path.join(dir, 'out.json');
    fs.writeFileSync(target, 'old');
    await writeExport(pagedSource(records.slice(0, 3)), { format: 'json', target });
    assert.strictEqual((JSON.parse(fs.readFileSync(target, 'utf8')) as unknown[]).length, 3);
    assert.deepStrictEqual(fs.readdirSync(dir), ['out.json']);
  });

  it('reads the pages of a source only as the file takes them (backpressure)', async () => {
    // 200 pages of 50. At each page read, the sessions read so far against the bytes on disk: what
    // is read and not yet on disk is what the export holds in memory, and it must stay a few pages.
    const many = Array.from({ length: 10_000 }, (_, i) => records[i % records.length]);
    const target = path.join(dir, 'bp.csv');
    const samples: [read: number, onDisk: number][] = [];
    const result = await writeExport(pagedSource(many, 50), {
      format: 'csv',
      target,
      onProgress: (n) => {
        const [temp] = fs.readdirSync(dir);
        samples.push([n, fs.statSync(path.join(dir, temp)).size]);
      },
    });
    assert.strictEqual(result.sessions, 10_000);
    const bytesPerRow = fs.statSync(target).size / 10_000;
    const ahead = Math.max(...samples.map(([read, onDisk]) => read - onDisk / bytesPerRow));
    assert.ok(ahead < 1_000, `at most a few pages ahead of the file (${Math.round(ahead)} sessions)`);
  });

  it('names files safely from outside strings, and a list source pages what it was given', async () => {
    assert.strictEqual(fileName(['sessions', '../../etc/passwd', 'a b\u202Ec', '2026-11-30']), 'sessions-.._.._etc_passwd-a_b_c-2026-11-30');
    assert.strictEqual(fileName(['..', '.hidden']), 'hidden');
    assert.strictEqual(fileName(['']), 'sessions');
    const list = listSource('search results', records, 'search', 4);
    const pages: number[] = [];
    for await (const page of list.pages(new AbortController().signal)) pages.push(page.length);
    assert.strictEqual(pages.reduce((a, b) => a + b, 0), records.length);
    assert.ok(pages.every((n) => n <= 4));
    assert.strictEqual(list.total, records.length);
  });

  it('a pool source asks the gateway for every page of the pool, with its filter, Limit 50', async () => {
    const calls: unknown[] = [];
    const gateway = {
      async *pageSessions(...args: unknown[]) {
        calls.push(args.slice(0, 3).concat([{ ...(args[3] as object), signal: undefined }]));
        yield { sessions: [session(1, 'a')], nextToken: 't' };
        yield { sessions: [session(2, 'b')] };
      },
    } as unknown as Parameters<typeof poolSource>[0];
    const source = poolSource(gateway, { profile: 'p', region: 'us-east-1', poolId: 'wspool-abc123def', name: 'Sales', userId: 'a' });
    const got: SessionRecord[] = [];
    for await (const page of source.pages(new AbortController().signal)) got.push(...page);
    assert.deepStrictEqual(calls, [['p', 'us-east-1', 'wspool-abc123def', { limit: 50, userId: 'a', signal: undefined }]]);
    assert.deepStrictEqual(got.map((r) => [r.profile, r.region, r.session.UserId]), [['p', 'us-east-1', 'a'], ['p', 'us-east-1', 'b']]);
    assert.match(source.suggestedFileName, /^sessions-Sales-a-\d{4}-\d\d-\d\d$/);
    assert.strictEqual(source.label, 'pool Sales (p, us-east-1), user a');
  });
});
