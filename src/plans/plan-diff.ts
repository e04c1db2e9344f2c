import { t, type MessageKey } from '../platform/i18n/t.ts';
import type { PlanContent } from './plan-content.ts';
import { formatPlanField } from './plan-format.ts';

export type PlanChange = { field: keyof PlanContent; label: string; before: string; after: string };

/** What changed between two versions of a plan, field by field in form order, as people read it. */
export function diffPlanContent(before: PlanContent, after: PlanContent, placeNames: ReadonlyMap<number, string> = new Map()): PlanChange[] {
  const changes: PlanChange[] = [];
  for (const field of Object.keys(after) as (keyof PlanContent)[]) {
    const a = formatPlanField(field, before, placeNames);
    const b = formatPlanField(field, after, placeNames);
    if (a !== b) changes.push({ field, label: t(`planField.${field}` as MessageKey), before: a, after: b });
  }
  return changes;
}
