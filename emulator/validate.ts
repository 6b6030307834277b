// Input validation against the model's constraints, the way AWS (Coral) reports it:
// "1 validation error detected: Value 'x' at 'PoolId' failed to satisfy constraint: ...".
// WorkSpaces answers these with InvalidParameterValuesException rather than ValidationException.
import { invalidParameter } from './errors';
import { SHAPES } from './modelShapes';
import type { ModelShape } from './modelTypes';

const patternCache = new Map<string, RegExp>();
function regex(pattern: string): RegExp {
  let re = patternCache.get(pattern);
  if (!re) {
    // The model's patterns are Java regexes matched against the whole value; ours are anchored
    // too unless the model already anchors them.
    re = new RegExp(pattern.startsWith('^') ? pattern : `^(?:${pattern})$`, 'u');
    patternCache.set(pattern, re);
  }
  return re;
}

/** Length as Smithy counts it: Unicode code points, not UTF-16 units. */
export function codePointLength(value: string): number {
  let n = 0;
  for (const _ of value) n++;
  return n;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (value === null) return 'null';
  if (Array.isArray(value)) return `'[${value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ')}]'`;
  return `'${JSON.stringify(value)}'`;
}

/**
 * Checks `value` against `shapeName` and returns every violation as a Coral-style phrase.
 * `path` names the field as AWS does (member names joined with '.', list items with '.member.N').
 */
export function violations(shapeName: string, value: unknown, path: string, out: string[] = []): string[] {
  const shape: ModelShape = SHAPES[shapeName];
  const bad = (constraint: string) => out.push(`Value ${describe(value)} at '${path}' failed to satisfy constraint: ${constraint}`);
  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        out.push(`Value at '${path}' must be a structure`);
        return out;
      }
      const record = value as Record<string, unknown>;
      for (const name of shape.required ?? []) {
        if (record[name] === undefined || record[name] === null) {
          out.push(`Value null at '${path ? `${path}.` : ''}${name}' failed to satisfy constraint: Member must not be null`);
        }
      }
      for (const [name, memberValue] of Object.entries(record)) {
        const memberShape = shape.members?.[name];
        const memberPath = path ? `${path}.${name}` : name;
        // Coral ignores unknown members of a request; so do we (the SDK never sends any).
        if (!memberShape || memberValue === null || memberValue === undefined) continue;
        violations(memberShape, memberValue, memberPath, out);
      }
      return out;
    }
    case 'list': {
      if (!Array.isArray(value)) {
        out.push(`Value at '${path}' must be a list`);
        return out;
      }
      if (shape.min !== undefined && value.length < shape.min) bad(`Member must have length greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && value.length > shape.max) bad(`Member must have length less than or equal to ${shape.max}`);
      value.forEach((item, i) => {
        if (item === null || item === undefined) out.push(`Value null at '${path}.${i + 1}.member' failed to satisfy constraint: Member must not be null`);
        else violations(shape.member as string, item, `${path}.${i + 1}.member`, out);
      });
      return out;
    }
    case 'string': {
      if (typeof value !== 'string') {
        out.push(`Value ${describe(value)} at '${path}' must be a string`);
        return out;
      }
      const length = codePointLength(value);
      if (shape.min !== undefined && length < shape.min) bad(`Member must have length greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && length > shape.max) bad(`Member must have length less than or equal to ${shape.max}`);
      if (shape.enum && !shape.enum.includes(value)) bad(`Member must satisfy enum value set: [${shape.enum.join(', ')}]`);
      if (shape.pattern && !regex(shape.pattern).test(value)) bad(`Member must satisfy regular expression pattern: ${shape.pattern}`);
      return out;
    }
    case 'integer':
    case 'long': {
      if (typeof value !== 'number' || !Number.isInteger(value)) {
        out.push(`Value ${describe(value)} at '${path}' must be an integer`);
        return out;
      }
      if (shape.min !== undefined && value < shape.min) bad(`Member must have value greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && value > shape.max) bad(`Member must have value less than or equal to ${shape.max}`);
      return out;
    }
    case 'boolean':
      if (typeof value !== 'boolean') out.push(`Value ${describe(value)} at '${path}' must be a boolean`);
      return out;
    case 'timestamp':
      if (typeof value !== 'number') out.push(`Value ${describe(value)} at '${path}' must be a timestamp`);
      return out;
    default:
      return out;
  }
}

/** Throws InvalidParameterValuesException listing every violation (Coral lists up to 10 too). */
export function validateInput(shapeName: string, input: unknown): void {
  const found = violations(shapeName, input, '');
  if (found.length === 0) return;
  const shown = found.slice(0, 10);
  throw invalidParameter(`${found.length} validation error${found.length > 1 ? 's' : ''} detected: ${shown.join('; ')}`);
}

export function matchesPattern(shapeName: string, value: string): boolean {
  const pattern = SHAPES[shapeName].pattern;
  return pattern === undefined || regex(pattern).test(value);
}

/**
 * Output check, used by tests and by the emulator in strict mode: every member is one the model
 * defines and every required member is present. Returns the problems found.
 */
export function outputProblems(shapeName: string, value: unknown, path = shapeName): string[] {
  const shape = SHAPES[shapeName];
  const problems: string[] = [];
  if (shape.type === 'structure') {
    if (typeof value !== 'object' || value === null) return [`${path}: not an object`];
    const record = value as Record<string, unknown>;
    for (const name of shape.required ?? []) if (record[name] === undefined) problems.push(`${path}.${name}: required member missing`);
    for (const [name, v] of Object.entries(record)) {
      const memberShape = shape.members?.[name];
      if (!memberShape) problems.push(`${path}.${name}: not a member of ${shapeName}`);
      else if (v !== undefined && v !== null) problems.push(...outputProblems(memberShape, v, `${path}.${name}`));
    }
  } else if (shape.type === 'list') {
    if (!Array.isArray(value)) return [`${path}: not a list`];
    value.forEach((item, i) => problems.push(...outputProblems(shape.member as string, item, `${path}[${i}]`)));
  } else {
    const found = violations(shapeName, value, path);
    problems.push(...found);
  }
  return problems;
}
