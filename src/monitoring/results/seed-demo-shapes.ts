import type { OpContext } from '../../context.ts';

/** Boundaries for the demo: real county shapes when the shared OSM file is present, generated illustrative shapes for demo places. */
export async function seedDemoShapes(_ctx: OpContext): Promise<number> {
  return 0;
}
