import { isVerifiedResident, type ResidencyFacts } from '../residency/residency.ts';

/** Why a signed-in person may not vote in a round (null: they may). */
export type Ineligibility = 'no_home' | 'outside_area' | 'unverified';

export function ineligibility(voter: ResidencyFacts & { in_area: number }, requireVerified: boolean): Ineligibility | null {
  if (voter.home_place_id === null) return 'no_home';
  if (!voter.in_area) return 'outside_area';
  if (requireVerified && !isVerifiedResident(voter)) return 'unverified';
  return null;
}
