// Organisations, members, invitations, member space and export, in French (the default): defines the keys orgs.nl.ts and orgs.en.ts must have.
export const frOrgs = {
} as const;
