/** Persian messages of participatory ballot rounds. */
export const ballotsMessages = {
} as const;
