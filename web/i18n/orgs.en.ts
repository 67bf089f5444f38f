// Organisations, members, invitations, member space and export, in English; a missing key is a type error.
import type { frOrgs } from "./orgs.fr";

export const enOrgs = {
} as const satisfies Record<keyof typeof frOrgs, string>;
