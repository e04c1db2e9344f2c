/** Persian messages of residents' support for plans. */
export const planSupportMessages = {
} as const;
