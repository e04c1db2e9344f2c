import { z } from 'zod';
import { ageBands, harms, interventionTypes, partnerKinds, targetGroups } from '../taxonomy/codes.ts';

const text = (max: number) => z.string().max(max).default('');
const count = z.number().int().min(0).max(10_000_000);
const rials = z.number().int().min(0).max(9_000_000_000_000_000);
/** A Gregorian ISO date (YYYY-MM-DD), shown and typed as Jalali. */
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable().default(null);

export const TargetGroupRow = z.object({
  group: z.enum(targetGroups),
  female: count.default(0),
  male: count.default(0),
  ageBands: z.object(Object.fromEntries(ageBands.map((b) => [b, count.default(0)])) as Record<(typeof ageBands)[number], z.ZodDefault<typeof count>>).default(
    Object.fromEntries(ageBands.map((b) => [b, 0])) as Record<(typeof ageBands)[number], number>,
  ),
});

export const EvidenceRow = z.object({ statement: text(500), value: text(100), year: text(20), source: text(300) });

export const IndicatorRow = z.object({
  level: z.enum(['outcome', 'output']),
  statement: text(500),
  unit: text(100),
  baseline: z.number().nullable().default(null),
  target: z.number().nullable().default(null),
  period: text(100),
  meansOfVerification: text(300),
});

export const BudgetLineRow = z.object({
  item: text(300),
  unit: text(100),
  unitCost: rials.default(0),
  quantity: z.number().min(0).max(1_000_000_000).default(0),
  total: rials.default(0),
});

export const CofundingRow = z.object({ source: text(300), amount: rials.default(0) });
export const ScheduleRow = z.object({ activity: text(300), start: isoDate, end: isoDate });
export const PartnerRow = z.object({ name: text(300), kind: z.enum(partnerKinds).default('other') });

/**
 * Everything an agency writes in a plan. Drafts may be incomplete (every field has a default);
 * completeness is the gate's job at submission.
 */
export const PlanContentSchema = z.object({
  title: text(200),
  summary: text(3000),
  harms: z.array(z.enum(harms)).max(harms.length).default([]),
  interventionTypes: z.array(z.enum(interventionTypes)).max(interventionTypes.length).default([]),
  targetGroups: z.array(TargetGroupRow).max(20).default([]),
  placeIds: z.array(z.number().int().positive()).max(500).default([]),
  evidence: z.array(EvidenceRow).max(30).default([]),
  goal: text(1000),
  outcomes: z.array(z.string().max(500)).max(20).default([]),
  outputs: z.array(z.string().max(500)).max(30).default([]),
  activities: z.array(z.string().max(500)).max(50).default([]),
  indicators: z.array(IndicatorRow).max(40).default([]),
  assumptions: text(2000),
  budgetLines: z.array(BudgetLineRow).max(100).default([]),
  cofunding: z.array(CofundingRow).max(20).default([]),
  /** The total the agency declares; the gate checks it equals the sum of the lines. */
  requestedTotal: rials.default(0),
  startDate: isoDate,
  endDate: isoDate,
  schedule: z.array(ScheduleRow).max(50).default([]),
  partners: z.array(PartnerRow).max(30).default([]),
  participationPlan: text(3000),
  hasOverlap: z.boolean().default(false),
  overlapDescription: text(2000),
});

export type PlanContent = z.infer<typeof PlanContentSchema>;

export const emptyPlanContent = (): PlanContent => PlanContentSchema.parse({});

/** Reads stored JSON; content written by older code is completed with defaults, never rejected. */
export function parseStoredContent(json: string): PlanContent {
  const parsed = PlanContentSchema.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : emptyPlanContent();
}
