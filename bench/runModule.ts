// One bench module in a process of its own (bench/index.ts starts it): `tsx bench/runModule.ts FILE
// EXPORT OUT [--quick]` calls FILE's EXPORT with `{ quick }` and writes what it returns to OUT as JSON.
// Why a process each: run in the same process one after the other, a module timed in the heap and
// the warmed or cooled code of the modules before it (the export ran 1.23x its bare loop in the full
// bench, 1.01-1.07x alone).
import * as fs from 'fs';

async function main(): Promise<void> {
  const [file, name, out, ...rest] = process.argv.slice(2);
  const loaded = (await import(file)) as Record<string, unknown>;
  const fn = loaded[name];
  if (typeof fn !== 'function') throw new Error(`${file} does not export ${name}()`);
  const result: unknown = await (fn as (o: { quick: boolean }) => unknown)({ quick: rest.includes('--quick') });
  fs.writeFileSync(out, JSON.stringify(result ?? null));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
