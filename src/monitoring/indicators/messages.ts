/** Persian messages of monitoring: indicators. */
export const indicatorsMessages = {} as const;
