// How residents' support reads on a page: the count in Persian digits, the supporters by county
// and by neighborhood or village as bars (the ten largest and «سایر»), and the support box of the
// plan page with what this person may do.

import { can, type Actor } from '../accounts/permissions.ts';
import { t } from '../platform/i18n/t.ts';
import { formatNumber } from '../platform/persian/money.ts';
import { placeKinds, type PlaceKind } from '../places/place-kinds.ts';
import { statusLabel } from './form-view.ts';
import type { PlanStatus } from './plan-lifecycle.ts';
import type { PlanPageExtraRow, PlanPageRow } from './plans-public.repo.ts';
import { isOpenForSupport } from './support-rules.ts';
import { SUPPORT_FIELD, SUPPORT_ROW, type PlanSupportColumns } from './support-plans.repo.ts';

/** How many places (or counties) are shown by name; the rest are summed as «سایر». */
export const SUPPORT_TOP = 10;

export type SupportPlaceRow = { placeId: number; count: number; name: string; kind: PlaceKind; countyId: number | null; countyName: string | null };

const isPlaceKind = (s: string): s is PlaceKind => (placeKinds as readonly string[]).includes(s);

/** The packed geography of supportPlacesSql as rows; anything malformed is skipped. */
export function parseSupportPlaces(packed: string | null): SupportPlaceRow[] {
  if (!packed) return [];
  const rows: SupportPlaceRow[] = [];
  for (const line of packed.split(SUPPORT_ROW)) {
    const [id, n, name, kind, countyId, countyName] = line.split(SUPPORT_FIELD);
    if (id === undefined || n === undefined || name === undefined || kind === undefined || !isPlaceKind(kind)) continue;
    rows.push({
      placeId: Number(id), count: Number(n), name, kind,
      countyId: countyId ? Number(countyId) : null, countyName: countyName || null,
    });
  }
  return rows;
}

/** «محله مینودر», «شهرستان قزوین»; a name that already starts with its kind («روستای نمونهٔ الموت») is left alone. */
export function placeLabel(kind: PlaceKind, name: string): string {
  const kindName = t(`place.kind.${kind}`);
  return name.startsWith(kindName) ? name : `${kindName} ${name}`;
}

/** «الف»، «الف و ب»، «الف، ب و پ». */
export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '—';
  return `${names.slice(0, -1).join('، ')} و ${names[names.length - 1]}`;
}

const percent = new Intl.NumberFormat('fa-IR', { style: 'percent', maximumFractionDigits: 0 });

export type SupportBarView = { label: string; /** The meter's value, out of the total. */ count: number; text: string };
export type SupportGeographyView = { total: number; counties: SupportBarView[]; places: SupportBarView[] };
export type SupportSummaryView = { countText: string; geography: SupportGeographyView | null };

function bars(groups: { label: string; count: number }[], total: number): SupportBarView[] {
  const bar = (label: string, count: number) => ({ label, count, text: t('planSupport.geo.row', { count: formatNumber(count), share: percent.format(count / total) }) });
  const sorted = [...groups].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'fa'));
  const shown = sorted.slice(0, SUPPORT_TOP).map((g) => bar(g.label, g.count));
  const rest = sorted.slice(SUPPORT_TOP);
  if (rest.length) shown.push(bar(t('planSupport.geo.others', { places: formatNumber(rest.length) }), rest.reduce((s, g) => s + g.count, 0)));
  return shown;
}

/** The count and, when there are supporters, their geography by county and by place. */
export function supportSummaryView(count: number, rows: SupportPlaceRow[]): SupportSummaryView {
  const total = rows.reduce((s, r) => s + r.count, 0);
  if (total === 0) return { countText: t('planSupport.count', { count: formatNumber(count) }), geography: null };
  const counties = new Map<string, { label: string; count: number }>();
  for (const r of rows) {
    const key = r.countyId === null ? '' : String(r.countyId);
    const g = counties.get(key) ?? { label: r.countyName ? placeLabel('county', r.countyName) : t('planSupport.geo.no_county'), count: 0 };
    g.count += r.count;
    counties.set(key, g);
  }
  return {
    countText: t('planSupport.count', { count: formatNumber(count) }),
    geography: {
      total,
      counties: bars([...counties.values()], total),
      places: bars(rows.map((r) => ({ label: placeLabel(r.kind, r.name), count: r.count })), total),
    },
  };
}

export type SupportAction =
  /** A POST form (support or withdraw) with the page's CSRF token. */
  | { kind: 'form'; action: string; label: string; secondary: boolean }
  | { kind: 'link'; href: string; label: string };

export type SupportBoxView = { summary: SupportSummaryView; note: string | null; action: SupportAction | null };

/**
 * The plan page's support box: the count and geography for everyone, and what this person may do
 * (nothing personal for a visitor, so the page stays the same for all of them and cacheable).
 */
export function supportBoxView(
  plan: { id: number; agency_id: number; status: PlanStatus } & PlanSupportColumns,
  actor: Actor | null,
  placeNames: readonly { name: string; kind: PlaceKind }[],
): SupportBoxView {
  const open = isOpenForSupport(plan.status);
  const closedNote = t('planSupport.refused.closed', { status: statusLabel(plan.status) });
  const summary = supportSummaryView(plan.support_count, parseSupportPlaces(plan.support_places));
  const base = `/plans/${plan.id}/support`;
  const box = (note: string | null, action: SupportAction | null = null): SupportBoxView => ({ summary, note, action });
  if (!actor) {
    if (!open) return box(closedNote);
    return box(t('planSupport.state.anonymous'), { kind: 'link', href: `/login?next=${encodeURIComponent(`/plans/${plan.id}#support`)}`, label: t('planSupport.action.login') });
  }
  if (!can(actor, 'plan.support', { agencyId: plan.agency_id })) return box(t('planSupport.refused.own_agency'));
  if (plan.viewer_supported === 1) {
    return open
      ? box(t('planSupport.state.supported'), { kind: 'form', action: `${base}/withdraw`, label: t('planSupport.action.withdraw'), secondary: true })
      : box(t('planSupport.state.supported_closed'));
  }
  if (!open) return box(closedNote);
  if (plan.viewer_home === null) return box(t('planSupport.refused.no_home'), { kind: 'link', href: '/profile', label: t('planSupport.refused.no_home_link') });
  const home = plan.viewer_home_kind && plan.viewer_home_name ? placeLabel(plan.viewer_home_kind, plan.viewer_home_name) : '—';
  if (plan.viewer_within !== 1) {
    return box(t('planSupport.refused.outside', { places: joinNames(placeNames.map((p) => placeLabel(p.kind, p.name))), home }));
  }
  return box(t('planSupport.state.eligible', { home }), { kind: 'form', action: base, label: t('planSupport.action.support'), secondary: false });
}

/** The support box of the plan page, from its plan statement and its places. */
export function supportBoxOfPage(plan: PlanPageRow, actor: Actor | null, extras: readonly PlanPageExtraRow[]): SupportBoxView {
  const places = extras.flatMap((x) => (x.kind === 'place' ? [{ name: x.label, kind: x.detail }] : []));
  return supportBoxView(plan, actor, places);
}
