import { t } from '../../platform/i18n/t.ts';
import type { Crumb } from '../../platform/views/page-context.ts';

/** A radio choice with a one-line explanation under its label. */
export type Choice = { value: string; label: string; hint: string };

/** Home › Administration › Ballot rounds › … */
export const ballotAdminCrumbs = (...rest: Crumb[]): Crumb[] => [
  { label: t('nav.home'), href: '/' },
  { label: t('admin.title'), href: '/admin' },
  ...(rest.length ? [{ label: t('ballotAdmin.title'), href: '/admin/ballots' }, ...rest] : [{ label: t('ballotAdmin.title') }]),
];
