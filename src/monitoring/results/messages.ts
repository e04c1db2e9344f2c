/** Persian messages of monitoring: results. */
export const resultsMessages = {} as const;
