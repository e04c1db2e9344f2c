/** Persian messages of the news desk and the public news pages. */
export const newsMessages = {
} as const;
