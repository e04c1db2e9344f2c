// View-models of /open-data and /api/docs: what the pages show, already in Persian.

import type { AppContext } from '../context.ts';
import type { AllocationResult } from '../allocation/engines/types.ts';
import { t, type MessageKey } from '../platform/i18n/t.ts';
import { formatJalaliDate } from '../platform/persian/jalali.ts';
import { formatNumber } from '../platform/persian/money.ts';
import { apiHandlers } from './api-handlers.ts';
import { datasetNames, datasets, type CellType, type DatasetName } from './datasets.ts';
import { exportFormats, type ExportFormat } from './export-formats.ts';
import { endpoints, openApiPath, paramSchema } from './openapi.ts';
import { datasetStats, publishedRoundResults } from './opendata.repo.ts';
import { siteUrl } from './records.ts';

export type DatasetView = {
  name: DatasetName;
  title: string;
  description: string;
  rows: string;
  updated: string;
  downloads: { href: string; label: string; format: ExportFormat }[];
  columns: { key: string; title: string; type: string }[];
};

export type OpenDataView = { datasets: DatasetView[]; apiDocsHref: string; openApiHref: string };

const typeKeys: Record<CellType, MessageKey> = {
  text: 'openData.type.text',
  integer: 'openData.type.integer',
  number: 'openData.type.number',
  boolean: 'openData.type.boolean',
};
const formatKeys: Record<ExportFormat, MessageKey> = {
  csv: 'openData.download.csv',
  xlsx: 'openData.download.xlsx',
  json: 'openData.download.json',
};

export const downloadHref = (name: DatasetName, format: ExportFormat) => `/open-data/${name}.${format}`;

/** Every dataset with its size and last change: two statements. */
export async function loadOpenDataView(ctx: Pick<AppContext, 'db'>): Promise<OpenDataView> {
  const [stats, rounds] = await Promise.all([datasetStats(ctx.db), publishedRoundResults(ctx.db)]);
  const figures = new Map<DatasetName, { n: number; last: string | null }>(stats.map((s) => [s.dataset, { n: s.n, last: s.last }]));
  let outcomes = 0;
  let lastRound: string | null = null;
  for (const r of rounds) {
    outcomes += ((JSON.parse(r.result) as AllocationResult).outcomes ?? []).length;
    if (r.published_at && (!lastRound || r.published_at > lastRound)) lastRound = r.published_at;
  }
  figures.set('allocations', { n: outcomes, last: lastRound });
  return {
    apiDocsHref: '/api/docs',
    openApiHref: '/api/docs/openapi.json',
    datasets: datasetNames.map((name) => {
      const d = datasets[name];
      const f = figures.get(name) ?? { n: 0, last: null };
      return {
        name,
        title: t(d.title),
        description: t(d.description),
        rows: formatNumber(f.n),
        updated: f.last ? formatJalaliDate(f.last) : t('openData.never_updated'),
        downloads: exportFormats.map((format) => ({ format, href: downloadHref(name, format), label: t(formatKeys[format]) })),
        columns: d.columns.map((c) => ({ key: c.key, title: t(c.title), type: t(typeKeys[c.type]) })),
      };
    }),
  };
}

export type ParamView = { name: string; where: string; type: string; required: boolean; expects: string };
export type EndpointView = { id: string; path: string; summary: string; description: string; params: ParamView[]; curl: string; example: string; notFound: boolean };
export type ApiDocsView = { endpoints: EndpointView[]; openApiHref: string; openDataHref: string; baseUrl: string };

/** A compact JSON example: nested objects and arrays of scalars on one line, one field per line above. */
function compactJson(value: unknown, indent = ''): string {
  const flat = JSON.stringify(value);
  if (flat.length <= 90 || value === null || typeof value !== 'object') return flat;
  const inner = `${indent}  `;
  if (Array.isArray(value)) return `[\n${value.map((v) => inner + compactJson(v, inner)).join(',\n')}\n${indent}]`;
  const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => `${inner}${JSON.stringify(k)}: ${compactJson(v, inner)}`);
  return `{\n${entries.join(',\n')}\n${indent}}`;
}

function typeOf(schema: Record<string, unknown>): string {
  if (Array.isArray(schema.enum)) return (schema.enum as unknown[]).map(String).join(' | ');
  const type = schema.type;
  return Array.isArray(type) ? type.join(' | ') : String(type ?? 'string');
}

export function apiDocsView(ctx: Pick<AppContext, 'config'>): ApiDocsView {
  const base = siteUrl(ctx);
  return {
    baseUrl: base,
    openApiHref: '/api/docs/openapi.json',
    openDataHref: '/open-data',
    endpoints: endpoints.map((e) => {
      const h = apiHandlers[e.path]!;
      const params: ParamView[] = [
        ...Object.entries(h.params).map(([name, p]) => ({ name, where: t('openData.docs.in_path'), type: typeOf(paramSchema(p)), required: true, expects: p.expects })),
        ...Object.entries(h.query).map(([name, p]) => ({ name, where: t('openData.docs.in_query'), type: typeOf(paramSchema(p)), required: !p.schema.safeParse(undefined).success, expects: p.expects })),
      ];
      return {
        id: e.path.replace(/^\/api\/v1\//, '').replace(/[^a-z]+/gi, '-'),
        path: `GET ${openApiPath(e.path)}`,
        summary: e.summary,
        description: e.description,
        params,
        curl: `curl -s '${base}${e.example.url}'`,
        example: compactJson(e.example.response),
        notFound: e.notFound,
      };
    }),
  };
}
