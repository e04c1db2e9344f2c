/** Persian messages of residency verification. */
export const residencyMessages = {
} as const;
