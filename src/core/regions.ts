// Region codes. A region ends up in a host name, a signature and messages, and it comes from outside
// (a workspace's settings, the AWS config file, remembered choices): anything that is not shaped like
// a region code is refused before it reaches an SDK client or a message. No `vscode` import.

/** The shape of an AWS region code (`us-east-1`, `us-gov-west-1`), as package.json's setting schema says. */
export const REGION_PATTERN = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;

export function isRegion(value: unknown): value is string {
  return typeof value === 'string' && REGION_PATTERN.test(value);
}

/** Splits values into region codes (kept, in order, once each) and the rest (refused). */
export function checkRegions(values: readonly unknown[]): { valid: string[]; invalid: unknown[] } {
  const valid: string[] = [];
  const invalid: unknown[] = [];
  for (const value of values) {
    if (isRegion(value)) {
      if (!valid.includes(value)) valid.push(value);
    } else invalid.push(value);
  }
  return { valid, invalid };
}
