/** What every page needs from the request, built once per request by the HTTP layer. */
export type PageContext = {
  user: { name: string; roleLabels: string[]; isStaff: boolean; canAdmin: boolean; hasWorkspace: boolean; /** May be asked to review plans. */ hasReviews?: boolean } | null;
  csrfToken: string;
  flash: Flash | null;
  /** Today's date in the Jalali calendar, already formatted. */
  todayLabel: string;
  path: string;
};

export type Flash = { kind: 'success' | 'info' | 'error'; text: string };

export type Crumb = { label: string; href?: string };
