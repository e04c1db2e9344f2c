// What each /api/v1 endpoint answers: parsed parameters in, a record (or a page of records) out.
// Thin over the repo and records; the routes attach these to the paths in openapi.ts.

import type { AppContext } from '../context.ts';
import { AppError } from '../platform/http/errors.ts';
import { t } from '../platform/i18n/t.ts';
import type { PlanStatus } from '../plans/plan-lifecycle.ts';
import { codeParam, idParam, pageParams, placeCodeParam, placeQuery, planQuery, roundIdParam, valueQuery, type Param, type Parsed } from './api-schemas.ts';
import { pageEnvelope } from './api-query.ts';
import {
  countFundedPlans, countIndicators, countIndicatorValues, countPlaceRows, countPublicPlanRows, countPublishedRounds, findIndicatorByCode,
  findPlaceRowByCode, indicatorRows, indicatorValueRows, noPlanFilter, placeRows, planResultRows, programmeTotals, publishedRoundRows, type PlanFilter,
} from './opendata.repo.ts';
import { indicatorRecord, placeRecord, planRecords, planResultDetail, planResultRecord, resultsSummary, roundRecord, valueRecord } from './records.ts';

type Ctx = Pick<AppContext, 'db' | 'config'>;
export type Handler<P extends Record<string, Param>, Q extends Record<string, Param>> = {
  params: P;
  query: Q;
  run: (ctx: Ctx, params: Parsed<P>, query: Parsed<Q>, path: string) => Promise<unknown>;
};

const handler = <P extends Record<string, Param>, Q extends Record<string, Param>>(h: Handler<P, Q>) => h as unknown as Handler<Record<string, Param>, Record<string, Param>>;

const slice = (q: { page: number; per_page: number }) => ({ limit: q.per_page, offset: (q.page - 1) * q.per_page });
const notFound = (what: string) => new AppError('not_found', what);

async function placeIdOf(ctx: Ctx, code: string | undefined, param: string): Promise<number | null> {
  if (code === undefined) return null;
  const place = await findPlaceRowByCode(ctx.db, code);
  if (!place) throw new AppError('bad_request', t('openData.api.error.unknown_place', { code }), { [param]: t('openData.api.error.unknown_place', { code }) });
  return place.id;
}

/** Handlers by route path (the same paths as `endpoints` in openapi.ts). */
export const apiHandlers: Record<string, Handler<Record<string, Param>, Record<string, Param>>> = {
  '/api/v1/plans': handler({
    params: {},
    query: planQuery,
    async run(ctx, _p, q, path) {
      const filter: PlanFilter = {
        harm: q.harm ?? null, target: null, status: (q.status as PlanStatus | undefined) ?? null, callId: q.call ?? null, placeId: await placeIdOf(ctx, q.place, 'place'),
      };
      const [{ records }, total] = await Promise.all([planRecords(ctx, filter, slice(q)), countPublicPlanRows(ctx.db, filter)]);
      return pageEnvelope(path, q, q, total, records);
    },
  }),
  '/api/v1/plans/:id': handler({
    params: idParam,
    query: {},
    async run(ctx, p) {
      const { rows, records } = await planRecords(ctx, noPlanFilter, { limit: 1, id: p.id });
      if (!records[0]) throw notFound(t('openData.api.error.no_plan'));
      return { ...records[0], summary: rows[0]!.summary };
    },
  }),
  '/api/v1/allocations': handler({
    params: {},
    query: pageParams,
    async run(ctx, _p, q, path) {
      const [rows, total] = await Promise.all([publishedRoundRows(ctx.db, slice(q)), countPublishedRounds(ctx.db)]);
      return pageEnvelope(path, q, q, total, rows.map((r) => roundRecord(ctx, r).round));
    },
  }),
  '/api/v1/allocations/:roundId': handler({
    params: roundIdParam,
    query: {},
    async run(ctx, p) {
      const [row] = await publishedRoundRows(ctx.db, { limit: 1, id: p.roundId });
      if (!row) throw notFound(t('openData.api.error.no_round'));
      const { round, outcomes } = roundRecord(ctx, row);
      return { ...round, outcomes };
    },
  }),
  '/api/v1/indicators': handler({
    params: {},
    query: pageParams,
    async run(ctx, _p, q, path) {
      const [rows, total] = await Promise.all([indicatorRows(ctx.db, slice(q)), countIndicators(ctx.db)]);
      return pageEnvelope(path, q, q, total, rows.map(indicatorRecord));
    },
  }),
  '/api/v1/indicators/:code/values': handler({
    params: codeParam,
    query: valueQuery,
    async run(ctx, p, q, path) {
      const indicator = await findIndicatorByCode(ctx.db, p.code);
      if (!indicator) throw notFound(t('openData.api.error.no_indicator'));
      if (q.from !== undefined && q.to !== undefined && q.from > q.to) {
        throw new AppError('bad_request', t('openData.api.error.from_after_to'), { from: t('openData.api.error.from_after_to') });
      }
      const filter = { indicatorId: indicator.id, placeId: await placeIdOf(ctx, q.place, 'place'), periodType: q.period_type ?? null, fromYear: q.from ?? null, toYear: q.to ?? null };
      const [rows, total] = await Promise.all([indicatorValueRows(ctx.db, filter, slice(q)), countIndicatorValues(ctx.db, filter)]);
      return pageEnvelope(path, q, q, total, rows.map(valueRecord));
    },
  }),
  '/api/v1/places': handler({
    params: {},
    query: placeQuery,
    async run(ctx, _p, q, path) {
      const kind = q.kind ?? null;
      const [rows, total] = await Promise.all([placeRows(ctx.db, kind, slice(q)), countPlaceRows(ctx.db, kind)]);
      return pageEnvelope(path, q, q, total, rows.map(placeRecord));
    },
  }),
  '/api/v1/places/:code': handler({
    params: placeCodeParam,
    query: {},
    async run(ctx, p) {
      const row = await findPlaceRowByCode(ctx.db, p.code);
      if (!row) throw notFound(t('openData.api.error.no_place'));
      return placeRecord(row);
    },
  }),
  '/api/v1/results': handler({
    params: {},
    query: pageParams,
    async run(ctx, _p, q, path) {
      const [rows, total, totals] = await Promise.all([planResultRows(ctx.db, slice(q)), countFundedPlans(ctx.db), programmeTotals(ctx.db)]);
      return { ...pageEnvelope(path, q, q, total, rows.map((r) => planResultRecord(ctx, r))), summary: resultsSummary(totals) };
    },
  }),
  '/api/v1/results/plans/:id': handler({
    params: idParam,
    query: {},
    async run(ctx, p) {
      const [row] = await planResultRows(ctx.db, { limit: 1, id: p.id });
      if (!row) throw notFound(t('openData.api.error.no_result'));
      return planResultDetail(ctx, row);
    },
  }),
};
