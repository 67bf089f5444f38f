// Whom a share request belongs to, as the policy's resource (src/accounts/policy.ts): a person for
// themselves (`userId`), an organisation's owners and admins (`orgId`); nothing for an unknown id.
import type { ResourceOf } from "../../accounts/guard";
import { findHolder, findRequest } from "./repository";

export const requestHolder: ResourceOf = async (c) => {
  const request = await findRequest(c.var.db, c.req.param("id") ?? "");
  const h = request ? await findHolder(c.var.db, request.holderId) : undefined;
  return h ? (h.orgId ? { orgId: h.orgId } : { userId: h.userId! }) : {};
};
