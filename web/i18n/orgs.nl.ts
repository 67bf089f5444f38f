// Organisations, members, invitations, member space and export, in Dutch; a missing key is a type error.
import type { frOrgs } from "./orgs.fr";

export const nlOrgs = {
} as const satisfies Record<keyof typeof frOrgs, string>;
