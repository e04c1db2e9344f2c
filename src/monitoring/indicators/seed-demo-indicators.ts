import type { OpContext } from '../../context.ts';

/** Illustrative indicators and values for the demo places (is_demo = 1); safe to run twice. */
export async function seedDemoIndicators(_ctx: OpContext): Promise<number> {
  return 0;
}
