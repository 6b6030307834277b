// The order the UI tests run in (WSP_E2E_ORDER): file order by default; `reverse`, or `shuffle[:seed]`
// to show that no test depends on what an earlier one left behind. Suites stay whole (their before/after
// hooks still wrap their tests); their order and the order of tests inside each suite change.
import type { Suite } from 'mocha';

export type Order = { kind: 'file' } | { kind: 'reverse' } | { kind: 'shuffle'; seed: number };

export function orderFromEnv(value = process.env.WSP_E2E_ORDER): Order {
  if (value === undefined || value === '' || value === 'file') return { kind: 'file' };
  if (value === 'reverse') return { kind: 'reverse' };
  const m = /^shuffle(?::(\d+))?$/.exec(value);
  if (m) return { kind: 'shuffle', seed: m[1] !== undefined ? Number(m[1]) : Math.floor(Math.random() * 2 ** 31) };
  throw new Error(`WSP_E2E_ORDER=${value}: expected file, reverse, shuffle or shuffle:<seed>`);
}

/** mulberry32: a small seeded generator, so that a failing shuffled order can be run again. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Reorders, in place, the tests and child suites of `suite` and of every suite below it. */
export function reorder(suite: Suite, order: Order): void {
  if (order.kind === 'file') return;
  const random = order.kind === 'shuffle' ? generator(order.seed) : undefined;
  const permute = <T>(xs: T[]) => {
    if (!random) {
      xs.reverse();
      return;
    }
    for (let i = xs.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [xs[i], xs[j]] = [xs[j], xs[i]];
    }
  };
  const visit = (s: Suite) => {
    permute(s.tests);
    permute(s.suites);
    s.suites.forEach(visit);
  };
  visit(suite);
}
