/** Persian messages of council meetings (/admin/meetings, /meetings/:id). */
export const meetingsMessages = {
} as const;
