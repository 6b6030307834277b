// Every input constraint of the emulated operations, as the model states it, with the field named.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_MODEL_PATH, renderModelShapes } from '../../emulator/extractModel';
import { ServiceError } from '../../emulator/errors';
import { OPERATIONS, SHAPES } from '../../emulator/modelShapes';
import { codePointLength, outputProblems, validateInput } from '../../emulator/validate';

function rejects(shape: string, input: unknown, field: string, constraint: RegExp): void {
  try {
    validateInput(shape, input);
  } catch (error) {
    assert.ok(error instanceof ServiceError);
    assert.equal(error.type, 'InvalidParameterValuesException');
    assert.ok(error.message.includes(`at '${field}'`), `${error.message} should name ${field}`);
    assert.match(error.message, constraint);
    return;
  }
  assert.fail(`${JSON.stringify(input)} should be rejected at ${field}`);
}

const POOL = 'wspool-abcdef123';
const SESSION = '0f0e0d0c-0b0a-4909-8807-060504030201';
const filter = (over: Record<string, unknown> = {}) => ({ Name: 'PoolName', Operator: 'EQUALS', Values: ['prod'], ...over });

describe('emulator input validation (model constraints)', () => {
  it('was extracted for the five pool operations from the model', () => {
    assert.deepEqual(Object.keys(OPERATIONS).sort(), [
      'DescribeWorkspacesPoolSessions', 'DescribeWorkspacesPools', 'StartWorkspacesPool', 'StopWorkspacesPool', 'TerminateWorkspacesPoolSession',
    ]);
    assert.equal(SHAPES.WorkspacesPoolId.pattern, '^wspool-[0-9a-z]{9}$');
    assert.deepEqual([SHAPES.Limit50.min, SHAPES.Limit50.max], [1, 50]);
  });

  describe('DescribeWorkspacesPools', () => {
    const S = 'DescribeWorkspacesPoolsRequest';
    it('accepts valid input, and none', () => {
      validateInput(S, {});
      validateInput(S, { PoolIds: [POOL], Filters: [filter()], Limit: 25, NextToken: 'x' });
      validateInput(S, { Filters: ['EQUALS', 'NOTEQUALS', 'CONTAINS', 'NOTCONTAINS'].map((Operator) => filter({ Operator })) });
    });
    it('PoolIds: 1 to 25 ids matching the pattern', () => {
      rejects(S, { PoolIds: [] }, 'PoolIds', /length greater than or equal to 1/);
      rejects(S, { PoolIds: Array(26).fill(POOL) }, 'PoolIds', /length less than or equal to 25/);
      rejects(S, { PoolIds: [POOL, 'wspool-ABCDEF123'] }, 'PoolIds.2.member', /regular expression pattern/);
      rejects(S, { PoolIds: ['wspool-abc'] }, 'PoolIds.1.member', /pattern/);
      rejects(S, { PoolIds: 'wspool-abcdef123' }, 'PoolIds', /must be a list/);
    });
    it('Filters: 1 to 25, each with Name PoolName, a known Operator and 1 to 25 Values', () => {
      rejects(S, { Filters: [] }, 'Filters', /greater than or equal to 1/);
      rejects(S, { Filters: Array(26).fill(filter()) }, 'Filters', /less than or equal to 25/);
      rejects(S, { Filters: [filter({ Name: 'State' })] }, 'Filters.1.member.Name', /enum value set: \[PoolName\]/);
      rejects(S, { Filters: [filter({ Operator: 'LIKE' })] }, 'Filters.1.member.Operator', /enum value set/);
      rejects(S, { Filters: [filter({ Values: [] })] }, 'Filters.1.member.Values', /greater than or equal to 1/);
      rejects(S, { Filters: [filter({ Values: Array(26).fill('a1') })] }, 'Filters.1.member.Values', /less than or equal to 25/);
      rejects(S, { Filters: [filter({ Values: ['-x'] })] }, 'Filters.1.member.Values.1.member', /pattern/);
      rejects(S, { Filters: [filter({ Values: ['a'] })] }, 'Filters.1.member.Values.1.member', /pattern/);
      rejects(S, { Filters: [filter({ Values: [`a${'b'.repeat(128)}`] })] }, 'Filters.1.member.Values.1.member', /less than or equal to 128/);
      rejects(S, { Filters: [filter(), { Name: 'PoolName', Values: ['ab'] }] }, 'Filters.2.member.Operator', /must not be null/);
      rejects(S, { Filters: [{ Operator: 'EQUALS', Values: ['ab'] }] }, 'Filters.1.member.Name', /must not be null/);
      rejects(S, { Filters: [{ Name: 'PoolName', Operator: 'EQUALS' }] }, 'Filters.1.member.Values', /must not be null/);
    });
    it('Limit: an integer from 1 to 25', () => {
      rejects(S, { Limit: 0 }, 'Limit', /greater than or equal to 1/);
      rejects(S, { Limit: 26 }, 'Limit', /less than or equal to 25/);
      rejects(S, { Limit: 2.5 }, 'Limit', /must be an integer/);
      rejects(S, { Limit: '5' }, 'Limit', /must be an integer/);
    });
    it('NextToken: 1 to 2048 characters', () => {
      rejects(S, { NextToken: '' }, 'NextToken', /greater than or equal to 1/);
      rejects(S, { NextToken: 'x'.repeat(2049) }, 'NextToken', /less than or equal to 2048/);
      rejects(S, { NextToken: 5 }, 'NextToken', /must be a string/);
    });
  });

  describe('DescribeWorkspacesPoolSessions', () => {
    const S = 'DescribeWorkspacesPoolSessionsRequest';
    it('accepts valid input', () => {
      validateInput(S, { PoolId: POOL });
      validateInput(S, { PoolId: POOL, UserId: 'ab', Limit: 50, NextToken: 't' });
      validateInput(S, { PoolId: POOL, UserId: '👩‍💻'.repeat(1) + 'x' });
      validateInput(S, { PoolId: POOL, UserId: '😀'.repeat(128) });
    });
    it('PoolId: required, matching the pattern', () => {
      rejects(S, {}, 'PoolId', /must not be null/);
      rejects(S, { PoolId: null }, 'PoolId', /must not be null/);
      rejects(S, { PoolId: 'bogus' }, 'PoolId', /\^wspool-\[0-9a-z\]\{9\}\$/);
      rejects(S, { PoolId: `${POOL}0` }, 'PoolId', /pattern/);
      rejects(S, { PoolId: ` ${POOL}` }, 'PoolId', /pattern/);
    });
    it('UserId: 2 to 128 characters (code points)', () => {
      rejects(S, { PoolId: POOL, UserId: 'a' }, 'UserId', /greater than or equal to 2/);
      rejects(S, { PoolId: POOL, UserId: '😀' }, 'UserId', /greater than or equal to 2/);
      rejects(S, { PoolId: POOL, UserId: 'a'.repeat(129) }, 'UserId', /less than or equal to 128/);
      rejects(S, { PoolId: POOL, UserId: '😀'.repeat(129) }, 'UserId', /less than or equal to 128/);
      assert.equal(codePointLength('😀'.repeat(128)), 128);
    });
    it('Limit: an integer from 1 to 50', () => {
      rejects(S, { PoolId: POOL, Limit: 0 }, 'Limit', /greater than or equal to 1/);
      rejects(S, { PoolId: POOL, Limit: 51 }, 'Limit', /less than or equal to 50/);
      rejects(S, { PoolId: POOL, Limit: -1 }, 'Limit', /greater than or equal to 1/);
    });
    it('NextToken: 1 to 2048 characters', () => {
      rejects(S, { PoolId: POOL, NextToken: '' }, 'NextToken', /greater than or equal to 1/);
    });
    it('lists several violations in one message', () => {
      try {
        validateInput(S, { PoolId: 'x', Limit: 99 });
        assert.fail('should throw');
      } catch (error) {
        assert.match((error as Error).message, /^2 validation errors detected: .*'PoolId'.*; .*'Limit'/);
      }
    });
  });

  describe('TerminateWorkspacesPoolSession, StartWorkspacesPool, StopWorkspacesPool', () => {
    it('SessionId: required lowercase UUID of 36 characters', () => {
      const S = 'TerminateWorkspacesPoolSessionRequest';
      validateInput(S, { SessionId: SESSION });
      rejects(S, {}, 'SessionId', /must not be null/);
      rejects(S, { SessionId: SESSION.toUpperCase() }, 'SessionId', /pattern/);
      rejects(S, { SessionId: `${SESSION}0` }, 'SessionId', /less than or equal to 36/);
      rejects(S, { SessionId: SESSION.slice(1) }, 'SessionId', /greater than or equal to 36/);
    });
    for (const S of ['StartWorkspacesPoolRequest', 'StopWorkspacesPoolRequest']) {
      it(`${S}: PoolId required, matching the pattern`, () => {
        validateInput(S, { PoolId: POOL });
        rejects(S, {}, 'PoolId', /must not be null/);
        rejects(S, { PoolId: 'wspool-' }, 'PoolId', /pattern/);
      });
    }
  });

  describe('output check', () => {
    it('finds unknown members, missing required members and bad values', () => {
      const problems = outputProblems('DescribeWorkspacesPoolSessionsResult', {
        Sessions: [{ SessionId: SESSION, PoolId: POOL, Extra: 1 }, { SessionId: 'x', PoolId: POOL, UserId: 'ab' }],
      });
      assert.ok(problems.some((p) => p.includes('Sessions[0].UserId: required member missing')));
      assert.ok(problems.some((p) => p.includes('Sessions[0].Extra: not a member')));
      assert.ok(problems.some((p) => p.includes('Sessions[1].SessionId') && p.includes('pattern')));
      assert.deepEqual(outputProblems('DescribeWorkspacesPoolSessionsResult', { Sessions: [] }), []);
    });
  });
});

describe('emulator model copy', () => {
  it('is what extractModel.ts makes of the model beside the repository (../shared)', function () {
    // The copy lets the emulator run from a fresh clone; this catches an edit or a model update
    // that was not regenerated. Without ../shared (outside this workspace and its CI) there is
    // nothing to compare with.
    if (!existsSync(DEFAULT_MODEL_PATH)) this.skip();
    const expected = renderModelShapes(readFileSync(DEFAULT_MODEL_PATH, 'utf8'));
    assert.equal(readFileSync(join(__dirname, '../../emulator/modelShapes.ts'), 'utf8'), expected, 'run npx tsx emulator/extractModel.ts');
  });
});
