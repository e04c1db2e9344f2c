// `mahalle allocate --pb FILE --method M [--json]`: runs an allocation engine on a pabulib file, so
// anyone can recompute an outcome from a published `.pb` export (reference §4.5, "Audit").
// File I/O around the pure engines; the report goes to `output`.

import { readFile } from 'node:fs/promises';
import { allocate, isMethod } from './engines/index.ts';
import type { AllocationResult, Method } from './engines/types.ts';
import { parsePb, pbToInput } from './pabulib.ts';

export interface Output {
  write(s: string): unknown;
}
const stdout: Output = { write: (s) => process.stdout.write(s) };

export const ALLOCATE_USAGE = 'usage: mahalle allocate --pb FILE.pb --method greedy|greedy-no-skip|mes|mes-add1|optimal [--json]';

export class UsageError extends Error {
  constructor(message: string) {
    super(`${message}\n${ALLOCATE_USAGE}`);
    this.name = 'UsageError';
  }
}

export interface AllocateCommandOptions {
  pb?: string;
  method?: string;
  json?: boolean;
  output?: Output;
}

/** The JSON line `--json` prints. */
export interface AllocateReport {
  method: Method;
  budget: number;
  spent: number;
  selected: string[];
}

/** Throws UsageError on missing or unknown arguments (the CLI exits 2), other errors on a bad file. */
export async function allocateCommand(opts: AllocateCommandOptions): Promise<AllocationResult> {
  if (!opts.pb) throw new UsageError('--pb FILE is required');
  if (!opts.method) throw new UsageError('--method is required');
  if (!isMethod(opts.method)) throw new UsageError(`unknown method: ${opts.method}`);
  const file = parsePb(await readFile(opts.pb, 'utf8'));
  // Mahalle's ballot files carry Add1's step per voter (costs in rials need more than one unit).
  const increment = Number(file.meta.get('add1_increment'));
  const result = await allocate(opts.method, pbToInput(file), Number.isSafeInteger(increment) && increment > 0 ? { add1Increment: increment } : {});
  const w = opts.output ?? stdout;
  const report: AllocateReport = { method: result.method, budget: result.budget, spent: result.spent, selected: result.selected };
  if (opts.json) w.write(`${JSON.stringify(report)}\n`);
  else {
    const fmt = (x: number) => x.toLocaleString('en');
    w.write(
      `method: ${report.method}\nbudget: ${fmt(report.budget)}\nspent: ${fmt(report.spent)} (${report.budget > 0 ? ((100 * report.spent) / report.budget).toFixed(1) : '0.0'}%)\n` +
        `selected (${report.selected.length}): ${report.selected.join(' ')}\n`,
    );
  }
  return result;
}
