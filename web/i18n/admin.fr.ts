// API keys, platform roles and the audit log, in French (the default): defines the keys admin.nl.ts and admin.en.ts must have.
export const frAdmin = {
} as const;
