// The open datasets: for each, its columns (a stable English key for machines, a Persian title for
// people, a type) and its rows, read in pages so an export of hundreds of thousands of rows never
// sits in memory at once. Only public information; every row says whether it is demo data.

import type { AppContext } from '../context.ts';
import { t, type MessageKey } from '../platform/i18n/t.ts';
import {
  indicatorRows, indicatorValueRows, noPlanFilter, noValueFilter, planResultRows, publishedRoundRows, type ValueKey,
} from './opendata.repo.ts';
import { indicatorRecord, planRecords, planResultRecord, roundRecord, valueRecord } from './records.ts';

export type CellType = 'text' | 'integer' | 'number' | 'boolean';
export type Cell = string | number | boolean | null;

export type DatasetColumn = { key: string; title: MessageKey; type: CellType };
export type DatasetRow = Record<string, Cell>;

export const datasetNames = ['plans', 'allocations', 'indicators', 'indicator-values', 'results'] as const;
export type DatasetName = (typeof datasetNames)[number];

export type Dataset = {
  name: DatasetName;
  title: MessageKey;
  description: MessageKey;
  columns: DatasetColumn[];
  /** The rows in pages (keyset pagination: each page resumes after the last key read). */
  batches: (ctx: Pick<AppContext, 'db' | 'config'>) => AsyncGenerator<DatasetRow[]>;
};

/** Rows read per statement by the exports. */
export const EXPORT_PAGE_SIZE = 2000;
const VALUES_PAGE_SIZE = 5000;

/** Lists inside one cell (harm codes, place names) are joined with this. */
export const LIST_JOIN = ';';

const col = (key: string, title: MessageKey, type: CellType = 'text'): DatasetColumn => ({ key, title, type });
const join = (xs: readonly (string | null)[]) => xs.map((x) => x ?? '').join(LIST_JOIN);

const plans: Dataset = {
  name: 'plans',
  title: 'openData.dataset.plans.title',
  description: 'openData.dataset.plans.description',
  columns: [
    col('id', 'openData.col.plan_id', 'integer'),
    col('title', 'openData.col.title'),
    col('agency', 'openData.col.agency'),
    col('call_id', 'openData.col.call_id', 'integer'),
    col('call', 'openData.col.call'),
    col('status', 'openData.col.status'),
    col('status_label', 'openData.col.status_label'),
    col('harms', 'openData.col.harms'),
    col('target_groups', 'openData.col.target_groups'),
    col('place_codes', 'openData.col.place_codes'),
    col('place_names', 'openData.col.place_names'),
    col('counties', 'openData.col.counties'),
    col('requested_rials', 'openData.col.requested_rials', 'integer'),
    col('funded_rials', 'openData.col.funded_rials', 'integer'),
    col('support_count', 'openData.col.support_count', 'integer'),
    col('public_at', 'openData.col.public_at'),
    col('public_at_jalali', 'openData.col.public_at_jalali'),
    col('url', 'openData.col.url'),
    col('is_demo', 'openData.col.is_demo', 'boolean'),
  ],
  async *batches(ctx) {
    let afterId = 0;
    for (;;) {
      const { records } = await planRecords(ctx, noPlanFilter, { limit: EXPORT_PAGE_SIZE, afterId });
      if (!records.length) return;
      yield records.map((p) => ({
        id: p.id, title: p.title, agency: p.agency.name, call_id: p.call.id, call: p.call.title, status: p.status, status_label: p.status_label,
        harms: join(p.harms), target_groups: join(p.target_groups), place_codes: join(p.places.map((x) => x.code)), place_names: join(p.places.map((x) => x.name)),
        counties: join(p.counties.map((x) => x.name)), requested_rials: p.requested_rials, funded_rials: p.funded_rials, support_count: p.support_count,
        public_at: p.public_at, public_at_jalali: p.public_at_jalali, url: p.url, is_demo: p.is_demo,
      }));
      if (records.length < EXPORT_PAGE_SIZE) return;
      afterId = records[records.length - 1]!.id;
    }
  },
};

const allocations: Dataset = {
  name: 'allocations',
  title: 'openData.dataset.allocations.title',
  description: 'openData.dataset.allocations.description',
  columns: [
    col('round_id', 'openData.col.round_id', 'integer'),
    col('call_id', 'openData.col.call_id', 'integer'),
    col('call', 'openData.col.call'),
    col('fiscal_year', 'openData.col.fiscal_year', 'integer'),
    col('method', 'openData.col.method'),
    col('budget_rials', 'openData.col.budget_rials', 'integer'),
    col('plan_id', 'openData.col.plan_id', 'integer'),
    col('title', 'openData.col.title'),
    col('cost_rials', 'openData.col.cost_rials', 'integer'),
    col('selected', 'openData.col.selected', 'boolean'),
    col('rank', 'openData.col.rank', 'integer'),
    col('reason_code', 'openData.col.reason_code'),
    col('reason', 'openData.col.reason'),
    col('published_at', 'openData.col.published_at'),
    col('is_demo', 'openData.col.is_demo', 'boolean'),
  ],
  async *batches(ctx) {
    let afterId = 0;
    for (;;) {
      // A round holds every plan of its call: a few rounds at a time.
      const rounds = await publishedRoundRows(ctx.db, { limit: 10, afterId });
      if (!rounds.length) return;
      for (const row of rounds) {
        const { round, outcomes } = roundRecord(ctx, row);
        yield outcomes.map((o) => ({
          round_id: round.id, call_id: round.call.id, call: round.call.title, fiscal_year: round.call.fiscal_year, method: round.method,
          budget_rials: round.budget_rials, plan_id: o.plan_id, title: o.title, cost_rials: o.cost_rials, selected: o.selected, rank: o.rank,
          reason_code: o.reason_code, reason: o.reason, published_at: round.published_at, is_demo: round.is_demo,
        }));
      }
      if (rounds.length < 10) return;
      afterId = rounds[rounds.length - 1]!.id;
    }
  },
};

const indicators: Dataset = {
  name: 'indicators',
  title: 'openData.dataset.indicators.title',
  description: 'openData.dataset.indicators.description',
  columns: [
    col('code', 'openData.col.indicator_code'),
    col('name', 'openData.col.indicator_name'),
    col('unit', 'openData.col.unit'),
    col('direction', 'openData.col.direction'),
    col('harm', 'openData.col.harm'),
    col('level', 'openData.col.level'),
    col('source', 'openData.col.source'),
    col('description', 'openData.col.description'),
    col('is_demo', 'openData.col.is_demo', 'boolean'),
  ],
  async *batches(ctx) {
    let afterCode: string | undefined;
    for (;;) {
      const rows = await indicatorRows(ctx.db, { limit: EXPORT_PAGE_SIZE, ...(afterCode === undefined ? {} : { afterCode }) });
      if (!rows.length) return;
      yield rows.map((r) => ({ ...indicatorRecord(r) }));
      if (rows.length < EXPORT_PAGE_SIZE) return;
      afterCode = rows[rows.length - 1]!.code;
    }
  },
};

const indicatorValues: Dataset = {
  name: 'indicator-values',
  title: 'openData.dataset.indicator-values.title',
  description: 'openData.dataset.indicator-values.description',
  columns: [
    col('indicator_code', 'openData.col.indicator_code'),
    col('place_code', 'openData.col.place_code'),
    col('place_name', 'openData.col.place_name'),
    col('period', 'openData.col.period'),
    col('period_type', 'openData.col.period_type'),
    col('year', 'openData.col.year', 'integer'),
    col('value', 'openData.col.value', 'number'),
    col('is_demo', 'openData.col.is_demo', 'boolean'),
  ],
  async *batches(ctx) {
    let after: ValueKey | undefined;
    for (;;) {
      const rows = await indicatorValueRows(ctx.db, noValueFilter, { limit: VALUES_PAGE_SIZE, ...(after ? { after } : {}) });
      if (!rows.length) return;
      yield rows.map((r) => ({ ...valueRecord(r) }));
      if (rows.length < VALUES_PAGE_SIZE) return;
      const last = rows[rows.length - 1]!;
      after = { indicatorId: last.indicator_id, placeId: last.place_id, period: last.period };
    }
  },
};

const results: Dataset = {
  name: 'results',
  title: 'openData.dataset.results.title',
  description: 'openData.dataset.results.description',
  columns: [
    col('plan_id', 'openData.col.plan_id', 'integer'),
    col('title', 'openData.col.title'),
    col('agency', 'openData.col.agency'),
    col('status', 'openData.col.status'),
    col('funded_rials', 'openData.col.funded_rials', 'integer'),
    col('spent_rials', 'openData.col.spent_rials', 'integer'),
    col('reached', 'openData.col.reached', 'integer'),
    col('progress_percent', 'openData.col.progress_percent', 'number'),
    col('last_approved_period', 'openData.col.last_approved_period'),
    col('approved_reports', 'openData.col.approved_reports', 'integer'),
    col('url', 'openData.col.url'),
    col('is_demo', 'openData.col.is_demo', 'boolean'),
  ],
  async *batches(ctx) {
    let afterId = 0;
    for (;;) {
      const rows = await planResultRows(ctx.db, { limit: EXPORT_PAGE_SIZE, afterId });
      if (!rows.length) return;
      yield rows.map((r) => ({ ...planResultRecord(ctx, r) }));
      if (rows.length < EXPORT_PAGE_SIZE) return;
      afterId = rows[rows.length - 1]!.id;
    }
  },
};

export const datasets: Record<DatasetName, Dataset> = { plans, allocations, indicators, 'indicator-values': indicatorValues, results };

export const isDatasetName = (s: string): s is DatasetName => (datasetNames as readonly string[]).includes(s);

/** A column's Persian title. */
export const columnTitle = (c: DatasetColumn) => t(c.title);
