// Whether a person's residency is verified: a census match or the secretariat verified the place,
// and it is still the person's home (moving home ends it until verified again).

export type ResidencyFacts = { home_place_id: number | null; residency_place_id: number | null; residency_verified_at: string | null };

export function isVerifiedResident(u: ResidencyFacts): boolean {
  return u.home_place_id !== null && u.residency_verified_at !== null && u.residency_place_id === u.home_place_id;
}
