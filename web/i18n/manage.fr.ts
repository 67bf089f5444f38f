// Provider self-service, moderation and offer versions, in French (the default): defines the keys manage.nl.ts and manage.en.ts must have.
export const frManage = {
} as const;
