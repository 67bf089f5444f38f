// Membership rules that no route may bypass: only owners make or unmake owners, and an
// organisation always keeps at least one owner. Pure: the caller reads the counts and asks.
import type { OrgRole } from "../../db/schema";

export type MembershipChange =
  | { kind: "role"; from: OrgRole; to: OrgRole }
  | { kind: "remove"; from: OrgRole }
  /** A person leaving of their own accord. */
  | { kind: "leave"; from: OrgRole };

export type RuleOutcome = "ok" | "unchanged" | "needs_owner" | "last_owner";

export interface RuleContext {
  /** Owners the organisation has now, the target included. */
  owners: number;
  /** The actor may make and unmake owners (policy: org.own). */
  actorOwns: boolean;
}

export function checkMembershipChange(change: MembershipChange, ctx: RuleContext): RuleOutcome {
  if (change.kind === "role" && change.from === change.to) return "unchanged";
  const touchesOwner = change.from === "owner" || (change.kind === "role" && change.to === "owner");
  if (change.kind !== "leave" && touchesOwner && !ctx.actorOwns) return "needs_owner";
  const losesOwner = change.from === "owner" && (change.kind !== "role" || change.to !== "owner");
  if (losesOwner && ctx.owners <= 1) return "last_owner";
  return "ok";
}

/** Inviting someone as owner is making an owner. */
export const inviteNeedsOwner = (role: OrgRole) => role === "owner";
