// Every query and response of the JSON API (/api/v1), defined once with zod. The routes validate
// queries with these schemas, the OpenAPI document is generated from them (z.toJSONSchema), and
// the tests parse real responses with them — so the documentation cannot drift from the API.
// Objects are strict: a field the schema does not name fails validation.

import { z } from 'zod';
import { t } from '../platform/i18n/t.ts';
import { placeKinds } from '../places/place-kinds.ts';
import { publicStatuses } from '../plans/plan-lifecycle.ts';
import { harms, targetGroups } from '../taxonomy/codes.ts';

/** Components of the OpenAPI document: each schema registered here is emitted once and referenced. */
export const apiRegistry = z.registry<{ id: string; description?: string }>();

const describe = <T extends z.ZodType>(schema: T, description: string): T => schema.meta({ description });
const component = <T extends z.ZodType>(id: string, schema: T, description?: string): T => {
  apiRegistry.add(schema, { id, ...(description ? { description } : {}) });
  return schema;
};

const id = z.int().min(1);
const rials = z.int().min(0);
const isoInstant = z.string().regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/);
const jalaliDate = z.string().regex(/^\d{4}\/\d{2}\/\d{2}$/);
const period = z.string().regex(/^\d{4}(Q[1-4]|\d{2})?$/);
const isDemo = describe(z.boolean(), t('openData.api.field.is_demo'));

// ---- shared pieces ---------------------------------------------------------------------------------

export const ErrorSchema = component(
  'Error',
  z.strictObject({
    error: z.strictObject({
      code: z.enum(['bad_request', 'not_found', 'rate_limited', 'internal']),
      message: describe(z.string(), t('openData.api.field.error_message')),
      fields: z.record(z.string(), z.string()).optional(),
    }),
  }),
  t('openData.api.schema.error'),
);

export const MetaSchema = component(
  'PageMeta',
  z.strictObject({ page: z.int().min(1), per_page: z.int().min(1).max(100), total: z.int().min(0) }),
  t('openData.api.schema.meta'),
);

export const LinksSchema = component(
  'PageLinks',
  z.strictObject({ next: z.string().nullable(), prev: z.string().nullable() }),
  t('openData.api.schema.links'),
);

const pageOf = <T extends z.ZodType>(name: string, item: T, extra: z.ZodRawShape = {}) =>
  component(`${name}Page`, z.strictObject({ data: z.array(item), meta: MetaSchema, links: LinksSchema, ...extra }), t('openData.api.schema.page'));

// ---- plans -----------------------------------------------------------------------------------------

const PlaceRef = component(
  'PlaceRef',
  z.strictObject({ code: z.string().nullable(), name: z.string(), kind: z.enum(placeKinds) }),
);

export const PlanSchema = component(
  'Plan',
  z.strictObject({
    id,
    title: z.string(),
    status: z.enum(publicStatuses as [string, ...string[]]),
    status_label: z.string(),
    agency: z.strictObject({ id, name: z.string() }),
    call: z.strictObject({ id, title: z.string() }),
    harms: z.array(z.enum(harms)),
    target_groups: z.array(z.enum(targetGroups)),
    places: z.array(PlaceRef),
    counties: z.array(z.strictObject({ code: z.string().nullable(), name: z.string() })),
    requested_rials: rials,
    funded_rials: rials.nullable(),
    support_count: z.int().min(0),
    public_at: isoInstant.nullable(),
    public_at_jalali: jalaliDate.nullable(),
    url: z.url(),
    is_demo: isDemo,
  }),
  t('openData.api.schema.plan'),
);

export const PlanDetailSchema = component('PlanDetail', PlanSchema.extend({ summary: z.string() }), t('openData.api.schema.plan'));
export const PlanPageSchema = pageOf('Plan', PlanSchema);

// ---- allocation rounds -------------------------------------------------------------------------------

export const RoundSchema = component(
  'AllocationRound',
  z.strictObject({
    id,
    call: z.strictObject({ id, title: z.string(), fiscal_year: z.int() }),
    method: z.string(),
    method_label: z.string(),
    value_rule: z.string(),
    budget_rials: rials,
    spent_rials: rials,
    plans_considered: z.int().min(0),
    plans_selected: z.int().min(0),
    published_at: isoInstant.nullable(),
    url: z.url(),
    is_demo: isDemo,
  }),
  t('openData.api.schema.round'),
);

export const OutcomeSchema = component(
  'AllocationOutcome',
  z.strictObject({
    plan_id: id,
    title: z.string(),
    cost_rials: rials,
    selected: z.boolean(),
    rank: z.int().nullable(),
    reason_code: z.string(),
    reason: describe(z.string(), t('openData.api.field.reason')),
  }),
);

export const RoundDetailSchema = component('AllocationRoundDetail', RoundSchema.extend({ outcomes: z.array(OutcomeSchema) }), t('openData.api.schema.round'));
export const RoundPageSchema = pageOf('AllocationRound', RoundSchema);

// ---- indicators -------------------------------------------------------------------------------------

export const IndicatorSchema = component(
  'Indicator',
  z.strictObject({
    code: z.string(),
    name: z.string(),
    unit: z.string(),
    direction: z.enum(['lower_better', 'higher_better']),
    harm: z.string().nullable(),
    level: z.string(),
    source: z.string(),
    description: z.string(),
    is_demo: isDemo,
  }),
  t('openData.api.schema.indicator'),
);
export const IndicatorPageSchema = pageOf('Indicator', IndicatorSchema);

export const IndicatorValueSchema = component(
  'IndicatorValue',
  z.strictObject({
    indicator_code: z.string(),
    place_code: z.string().nullable(),
    place_name: z.string(),
    period,
    period_type: z.enum(['year', 'quarter', 'month']),
    year: z.int(),
    value: z.number(),
    is_demo: isDemo,
  }),
  t('openData.api.schema.indicator_value'),
);
export const IndicatorValuePageSchema = pageOf('IndicatorValue', IndicatorValueSchema);

// ---- places -----------------------------------------------------------------------------------------

export const PlaceSchema = component(
  'Place',
  z.strictObject({
    id,
    code: z.string().nullable(),
    name: z.string(),
    kind: z.enum(placeKinds),
    parent_code: z.string().nullable(),
    population: z.int().min(0).nullable(),
    population_year: z.int().nullable(),
    is_demo: isDemo,
  }),
  t('openData.api.schema.place'),
);
export const PlacePageSchema = pageOf('Place', PlaceSchema);

// ---- results ----------------------------------------------------------------------------------------

export const PlanResultSchema = component(
  'PlanResult',
  z.strictObject({
    plan_id: id,
    title: z.string(),
    agency: z.string(),
    status: z.enum(['funded', 'in_progress', 'completed']),
    funded_rials: rials,
    spent_rials: describe(rials, t('openData.api.field.spent')),
    reached: describe(z.int().min(0), t('openData.api.field.reached')),
    progress_percent: describe(z.number().min(0).max(100).nullable(), t('openData.api.field.progress')),
    last_approved_period: period.nullable(),
    approved_reports: z.int().min(0),
    url: z.url(),
    is_demo: isDemo,
  }),
  t('openData.api.schema.result'),
);

export const ResultsSummarySchema = component(
  'ResultsSummary',
  z.strictObject({
    funded_plans: z.int().min(0),
    funded_rials: rials,
    spent_rials: rials,
    reached: z.int().min(0),
    progress_percent: describe(z.number().min(0).max(100).nullable(), t('openData.api.field.weighted_progress')),
  }),
  t('openData.api.schema.summary'),
);

export const ResultsPageSchema = pageOf('PlanResult', PlanResultSchema, { summary: ResultsSummarySchema });

export const PlanResultDetailSchema = component(
  'PlanResultDetail',
  PlanResultSchema.extend({
    periods: z.array(
      z.strictObject({
        period,
        period_label: z.string(),
        spent_rials: rials,
        reached: z.int().min(0),
        progress_percent: z.number().min(0).max(100).nullable(),
        approved_at: isoInstant.nullable(),
      }),
    ),
  }),
  t('openData.api.schema.result_detail'),
);

// ---- queries and path parameters ---------------------------------------------------------------------

/**
 * One query or path parameter: its schema (what the route parses, after digits were made ASCII)
 * and what it expects, in Persian (the 400 message and the documentation both say it).
 */
export type Param = { schema: z.ZodType; expects: string };

const intParam = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

export const pageParams = {
  page: { schema: intParam(1, 100_000).default(1), expects: t('openData.api.param.page') },
  per_page: { schema: intParam(1, 100).default(20), expects: t('openData.api.param.per_page') },
} satisfies Record<string, Param>;

export const planQuery = {
  ...pageParams,
  harm: { schema: z.enum(harms).optional(), expects: t('openData.api.param.harm') },
  status: { schema: z.enum(publicStatuses as [string, ...string[]]).optional(), expects: t('openData.api.param.status') },
  place: { schema: z.string().min(1).max(20).optional(), expects: t('openData.api.param.place') },
  call: { schema: intParam(1, Number.MAX_SAFE_INTEGER).optional(), expects: t('openData.api.param.call') },
} satisfies Record<string, Param>;

export const valueQuery = {
  ...pageParams,
  place: { schema: z.string().min(1).max(20).optional(), expects: t('openData.api.param.value_place') },
  period_type: { schema: z.enum(['year', 'quarter', 'month']).optional(), expects: t('openData.api.param.period_type') },
  from: { schema: intParam(1300, 1500).optional(), expects: t('openData.api.param.from') },
  to: { schema: intParam(1300, 1500).optional(), expects: t('openData.api.param.to') },
} satisfies Record<string, Param>;

export const placeQuery = {
  ...pageParams,
  kind: { schema: z.enum(placeKinds).optional(), expects: t('openData.api.param.kind') },
} satisfies Record<string, Param>;

export const idParam = { id: { schema: intParam(1, Number.MAX_SAFE_INTEGER), expects: t('openData.api.param.id') } } satisfies Record<string, Param>;
export const roundIdParam = { roundId: { schema: intParam(1, Number.MAX_SAFE_INTEGER), expects: t('openData.api.param.round_id') } } satisfies Record<string, Param>;
export const codeParam = { code: { schema: z.string().min(1).max(40), expects: t('openData.api.param.code') } } satisfies Record<string, Param>;
export const placeCodeParam = { code: { schema: z.string().min(1).max(20), expects: t('openData.api.param.place_code') } } satisfies Record<string, Param>;

/** What a parameter set parses to. */
export type Parsed<P extends Record<string, Param>> = { [K in keyof P]: z.output<P[K]['schema']> };
