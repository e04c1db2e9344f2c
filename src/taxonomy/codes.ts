/** Social harms (آسیب‌های اجتماعی); codes are stable, labels live in messages.ts. */
export const harms = [
  'ADDICTION',
  'DIVORCE',
  'CHILD_LABOUR',
  'DOMESTIC_VIOLENCE',
  'WOMEN_AT_RISK',
  'FEMALE_HEADED_HOUSEHOLD',
  'HOMELESSNESS',
  'BEGGING',
  'INFORMAL_SETTLEMENT',
  'SUICIDE',
  'DELINQUENCY',
  'SCHOOL_DROPOUT',
  'POVERTY_UNEMPLOYMENT',
] as const;
export type Harm = (typeof harms)[number];

/** Target groups (گروه هدف). */
export const targetGroups = [
  'MOTHERS',
  'CHILDREN',
  'ADOLESCENTS',
  'YOUTH',
  'YOUNG_COUPLES',
  'WOMEN_HEADS_OF_HOUSEHOLD',
  'PEOPLE_WITH_ADDICTION',
  'FAMILIES',
  'ELDERLY',
  'PEOPLE_WITH_DISABILITIES',
] as const;
export type TargetGroup = (typeof targetGroups)[number];

/** Groups the programme singles out: mothers and children. */
export const mothersAndChildren: readonly TargetGroup[] = ['MOTHERS', 'CHILDREN'];

/** Intervention types (نوع مداخله). */
export const interventionTypes = [
  'PREVENTION',
  'EDUCATION_AWARENESS',
  'TIMELY_INTERVENTION',
  'TREATMENT_REHAB',
  'LIVELIHOOD',
  'SOCIAL_SUPPORT',
] as const;
export type InterventionType = (typeof interventionTypes)[number];

/** Age bands for disaggregating beneficiaries. */
export const ageBands = ['0_11', '12_17', '18_29', '30_59', '60_PLUS'] as const;
export type AgeBand = (typeof ageBands)[number];

/** Kinds of executive agency. */
export const agencyKinds = ['government', 'municipality', 'university', 'public_institution', 'ngo'] as const;
export type AgencyKind = (typeof agencyKinds)[number];

/** Kinds of plan partner. */
export const partnerKinds = ['ngo', 'local_council', 'university', 'other'] as const;
export type PartnerKind = (typeof partnerKinds)[number];

export function isCode<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}
