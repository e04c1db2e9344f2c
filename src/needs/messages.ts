/** Persian messages of residents' needs (/needs, /needs/:id) and their operations. */
export const needsMessages = {
} as const;
