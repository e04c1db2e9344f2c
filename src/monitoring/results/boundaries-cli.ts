import type { AppContext } from '../../context.ts';

/** `mahalle import boundaries FILE.geojson`: attaches geometry to places by code. */
export async function importBoundariesCommand(_ctx: AppContext, _file: string, _opts: { json?: boolean }): Promise<number> {
  throw new Error('TODO(helper): import boundaries');
}
