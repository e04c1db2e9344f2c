// The endpoints of /api/v1 and the OpenAPI 3.1 document generated from their zod schemas. The
// routes register exactly these paths; the docs page and openapi.json are built from this list.

import { z } from 'zod';
import { t } from '../platform/i18n/t.ts';
import { apiHandlers } from './api-handlers.ts';
import {
  apiRegistry, ErrorSchema, IndicatorPageSchema, IndicatorValuePageSchema, PlacePageSchema, PlaceSchema, PlanDetailSchema, PlanPageSchema,
  PlanResultDetailSchema, ResultsPageSchema, RoundDetailSchema, RoundPageSchema, type Param,
} from './api-schemas.ts';

export const API_VERSION = '1.0.0';

export type Endpoint = {
  /** The route as Fastify writes it, `/api/v1/plans/:id`. */
  path: string;
  summary: string;
  description: string;
  response: z.ZodType;
  /** Whether an unknown id or code answers 404. */
  notFound: boolean;
  /** A request to show in the docs (path and query) and a compact answer to it. */
  example: { url: string; response: unknown };
};

const demo = false;
const plan = {
  id: 12, title: 'مهارت‌های زندگی برای نوجوانان محلهٔ مینودر', status: 'funded', status_label: 'تأمین اعتبار شده',
  agency: { id: 3, name: 'ادارهٔ کل بهزیستی استان قزوین' }, call: { id: 1, title: 'فراخوان ۱۴۰۵' },
  harms: ['ADDICTION'], target_groups: ['ADOLESCENTS'], places: [{ code: '9260300001', name: 'مینودر', kind: 'neighborhood' }],
  counties: [{ code: '2603', name: 'قزوین' }], requested_rials: 4_500_000_000, funded_rials: 4_500_000_000, support_count: 37,
  public_at: '2026-05-02T08:30:00.000Z', public_at_jalali: '1405/02/12', url: 'https://mahalle.example.org/plans/12', is_demo: demo,
};
const pageMeta = (path: string, total: number, perPage = 1, query = '') => ({
  meta: { page: 1, per_page: perPage, total },
  links: { next: total > perPage ? `${path}?${query}page=2&per_page=${perPage}` : null, prev: null },
});
const round = {
  id: 4, call: { id: 1, title: 'فراخوان ۱۴۰۵', fiscal_year: 1405 }, method: 'greedy', method_label: 'به ترتیب ارزش، با پرش از طرح‌هایی که جا نمی‌شوند',
  value_rule: 'score_x_beneficiaries', budget_rials: 50_000_000_000, spent_rials: 48_200_000_000, plans_considered: 14, plans_selected: 9,
  published_at: '2026-06-10T06:00:00.000Z', url: 'https://mahalle.example.org/results/4', is_demo: demo,
};
const indicator = {
  code: 'DIVORCE_RATE', name: 'نرخ طلاق', unit: 'در هزار نفر', direction: 'lower_better', harm: 'DIVORCE', level: 'county',
  source: 'مرکز آمار ایران', description: '', is_demo: demo,
};
const value = { indicator_code: 'DIVORCE_RATE', place_code: '2603', place_name: 'قزوین', period: '1403', period_type: 'year', year: 1403, value: 2.4, is_demo: demo };
const place = { id: 7, code: '2603', name: 'قزوین', kind: 'county', parent_code: '26', population: 1_273_761, population_year: 1395, is_demo: demo };
const result = {
  plan_id: 12, title: plan.title, agency: plan.agency.name, status: 'in_progress', funded_rials: 4_500_000_000, spent_rials: 1_200_000_000,
  reached: 140, progress_percent: 35, last_approved_period: '1405Q2', approved_reports: 2, url: plan.url, is_demo: demo,
};

/** Every GET under /api/v1, in the order the docs list them. */
export const endpoints: Endpoint[] = [
  {
    path: '/api/v1/plans',
    summary: t('openData.api.ep.plans'),
    description: t('openData.api.ep.plans_detail'),
    response: PlanPageSchema,
    notFound: false,
    example: { url: '/api/v1/plans?harm=ADDICTION&per_page=1', response: { data: [plan], ...pageMeta('/api/v1/plans', 8, 1, 'harm=ADDICTION&') } },
  },
  {
    path: '/api/v1/plans/:id',
    summary: t('openData.api.ep.plan'),
    description: t('openData.api.ep.plan_detail'),
    response: PlanDetailSchema,
    notFound: true,
    example: { url: '/api/v1/plans/12', response: { ...plan, summary: 'کارگاه‌های هفتگی مهارت زندگی در سرای محله.' } },
  },
  {
    path: '/api/v1/allocations',
    summary: t('openData.api.ep.allocations'),
    description: t('openData.api.ep.allocations_detail'),
    response: RoundPageSchema,
    notFound: false,
    example: { url: '/api/v1/allocations', response: { data: [round], ...pageMeta('/api/v1/allocations', 1, 20) } },
  },
  {
    path: '/api/v1/allocations/:roundId',
    summary: t('openData.api.ep.allocation'),
    description: t('openData.api.ep.allocation_detail'),
    response: RoundDetailSchema,
    notFound: true,
    example: {
      url: '/api/v1/allocations/4',
      response: {
        ...round,
        outcomes: [{ plan_id: 12, title: plan.title, cost_rials: 4_500_000_000, selected: true, rank: 1, reason_code: 'selected', reason: 'در رتبهٔ ۱ با هزینهٔ ۴۵۰٬۰۰۰٬۰۰۰ تومان تأمین شد.' }],
      },
    },
  },
  {
    path: '/api/v1/indicators',
    summary: t('openData.api.ep.indicators'),
    description: t('openData.api.ep.indicators_detail'),
    response: IndicatorPageSchema,
    notFound: false,
    example: { url: '/api/v1/indicators?per_page=1', response: { data: [indicator], ...pageMeta('/api/v1/indicators', 12) } },
  },
  {
    path: '/api/v1/indicators/:code/values',
    summary: t('openData.api.ep.values'),
    description: t('openData.api.ep.values_detail'),
    response: IndicatorValuePageSchema,
    notFound: true,
    example: { url: '/api/v1/indicators/DIVORCE_RATE/values?place=2603&from=1400&to=1403&per_page=1', response: { data: [value], ...pageMeta('/api/v1/indicators/DIVORCE_RATE/values', 4, 1, 'place=2603&from=1400&to=1403&') } },
  },
  {
    path: '/api/v1/places',
    summary: t('openData.api.ep.places'),
    description: t('openData.api.ep.places_detail'),
    response: PlacePageSchema,
    notFound: false,
    example: { url: '/api/v1/places?kind=county&per_page=1', response: { data: [place], ...pageMeta('/api/v1/places', 6, 1, 'kind=county&') } },
  },
  {
    path: '/api/v1/places/:code',
    summary: t('openData.api.ep.place'),
    description: t('openData.api.ep.place_detail'),
    response: PlaceSchema,
    notFound: true,
    example: { url: '/api/v1/places/2603', response: place },
  },
  {
    path: '/api/v1/results',
    summary: t('openData.api.ep.results'),
    description: t('openData.api.ep.results_detail'),
    response: ResultsPageSchema,
    notFound: false,
    example: {
      url: '/api/v1/results?per_page=1',
      response: {
        data: [result], ...pageMeta('/api/v1/results', 9),
        summary: { funded_plans: 9, funded_rials: 48_200_000_000, spent_rials: 9_800_000_000, reached: 1260, progress_percent: 27.5 },
      },
    },
  },
  {
    path: '/api/v1/results/plans/:id',
    summary: t('openData.api.ep.result'),
    description: t('openData.api.ep.result_detail'),
    response: PlanResultDetailSchema,
    notFound: true,
    example: {
      url: '/api/v1/results/plans/12',
      response: {
        ...result,
        periods: [
          { period: '1405Q1', period_label: 'بهار ۱۴۰۵', spent_rials: 500_000_000, reached: 60, progress_percent: 15, approved_at: '2026-07-20T07:10:00.000Z' },
          { period: '1405Q2', period_label: 'تابستان ۱۴۰۵', spent_rials: 700_000_000, reached: 80, progress_percent: 35, approved_at: '2026-10-15T09:45:00.000Z' },
        ],
      },
    },
  },
];

/** `/api/v1/plans/:id` → `/api/v1/plans/{id}`. */
export const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

type JsonSchema = Record<string, unknown>;

/** A JSON Schema without the noise of zod's defaults ($schema, and the safe-integer bounds). */
function tidy(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(tidy);
  if (!schema || typeof schema !== 'object') return schema;
  const out: JsonSchema = {};
  for (const [k, v] of Object.entries(schema as JsonSchema)) {
    if (k === '$schema' || k === '$id') continue;
    if ((k === 'minimum' && v === Number.MIN_SAFE_INTEGER) || (k === 'maximum' && v === Number.MAX_SAFE_INTEGER)) continue;
    out[k] = tidy(v);
  }
  return out;
}

/** The JSON Schema of one parameter (what a client sends: the input side of the schema). */
export function paramSchema(param: Param): JsonSchema {
  return tidy(z.toJSONSchema(param.schema, { io: 'input', unrepresentable: 'any' })) as JsonSchema;
}

const ref = (schema: z.ZodType) => {
  const id = apiRegistry.get(schema)?.id;
  if (!id) throw new Error('an API response schema is not registered');
  return { $ref: `#/components/schemas/${id}` };
};

const isRequired = (param: Param) => !param.schema.safeParse(undefined).success;

/** The OpenAPI 3.1 document of /api/v1. */
export function openApiDocument(baseUrl: string): Record<string, unknown> {
  const components = z.toJSONSchema(apiRegistry, { uri: (id) => `#/components/schemas/${id}` }) as { schemas: Record<string, unknown> };
  const json = (schema: z.ZodType) => ({ 'application/json': { schema: ref(schema) } });
  const error = (description: string) => ({ description, content: json(ErrorSchema) });
  const paths: Record<string, unknown> = {};
  for (const e of endpoints) {
    const h = apiHandlers[e.path];
    if (!h) throw new Error(`no handler for ${e.path}`);
    const parameters = [
      ...Object.entries(h.params).map(([name, p]) => ({ name, in: 'path', required: true, description: p.expects, schema: paramSchema(p) })),
      ...Object.entries(h.query).map(([name, p]) => ({ name, in: 'query', required: isRequired(p), description: p.expects, schema: paramSchema(p) })),
    ];
    paths[openApiPath(e.path)] = {
      get: {
        operationId: e.path.replace(/^\/api\/v1\//, '').replace(/\/:(\w+)/g, '_by_$1').replace(/\W+/g, '_'),
        summary: e.summary,
        description: e.description,
        parameters,
        responses: {
          200: { description: t('openData.api.response.ok'), content: json(e.response) },
          400: error(t('openData.api.response.bad_request')),
          ...(e.notFound ? { 404: error(t('openData.api.response.not_found')) } : {}),
          429: error(t('openData.api.response.rate_limited')),
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: t('openData.api.title'),
      version: API_VERSION,
      description: t('openData.api.intro'),
      license: { name: t('openData.license.short') },
    },
    servers: [{ url: baseUrl }],
    paths,
    components: { schemas: tidy(components.schemas) },
  };
}
