export const deliverables = {} as const;
