import type { AppContext } from '../../context.ts';

/** `mahalle import indicators FILE`: CSV or XLSX, validated whole, all or nothing, with a progress bar. */
export async function importIndicatorsCommand(_ctx: AppContext, _file: string, _opts: { json?: boolean }): Promise<number> {
  throw new Error('TODO(helper): import indicators');
}
