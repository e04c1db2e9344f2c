/** An agency's totals across calls, as the repository counts them. */
export type ScorecardTotals = {
  calls: number;
  exempted: number;
  /** Calls the agency could have answered by now (deadline passed or already answered), exemptions left out. */
  due: number;
  submitted: number;
  onTime: number;
  creditRials: number;
  plansSubmitted: number;
  plansApproved: number;
};

export type ScorecardRates = {
  /** Calls answered with a plan over calls due. */
  submissionRate: number | null;
  /** Of the calls answered, those answered by the deadline. */
  onTimeRate: number | null;
  /** Plans approved, funded, in progress or completed over plans submitted. */
  approvalRate: number | null;
};

const ratio = (part: number, whole: number) => (whole > 0 ? Math.min(1, part / whole) : null);

/** The three rates of an agency's scorecard; null where there is nothing to divide by yet. */
export function scorecardRates(s: ScorecardTotals): ScorecardRates {
  return {
    submissionRate: ratio(s.submitted, Math.max(s.due, s.submitted)),
    onTimeRate: ratio(s.onTime, s.submitted),
    approvalRate: ratio(s.plansApproved, s.plansSubmitted),
  };
}

const percent = new Intl.NumberFormat('fa-IR', { style: 'percent', maximumFractionDigits: 0 });

/** A rate as a Persian percentage, e.g. «۶۷٪»; a dash when there is none. */
export const formatRate = (r: number | null) => (r === null ? '—' : percent.format(r));
