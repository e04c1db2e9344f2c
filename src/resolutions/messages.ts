/** Persian messages of council resolutions and their follow-up. */
export const resolutionsMessages = {
} as const;
