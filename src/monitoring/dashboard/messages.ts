/** Persian messages of monitoring: dashboard. */
export const dashboardMessages = {} as const;
