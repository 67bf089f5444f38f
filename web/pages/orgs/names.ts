// How the organisation pages name roles and kinds of organisation, in the visitor's language.
import type { OrgRole } from "../../../src/db/schema";
import type { T } from "../../i18n";

export const ROLES: readonly OrgRole[] = ["owner", "admin", "member"];
export const roleName = (t: T, role: OrgRole) => t(`orgs.role.${role}`);
export const kindName = (t: T, kind: "member" | "provider" | "cooperative") => t(`orgs.kind.${kind}`);
