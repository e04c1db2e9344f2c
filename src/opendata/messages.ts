/** Persian messages of open data exports and the JSON API docs. */
export const openDataMessages = {} as const;
