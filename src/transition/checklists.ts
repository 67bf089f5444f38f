// The practical steps of each kind of move, with stable codes (stored, and sent in events), who may
// tick each, and pure tick/untick. Labels live in web/i18n/transition.*.ts; the key type makes a
// step without a label in French fail to compile, and nl/en must satisfy the French catalog.
import type { frTransition } from "../../web/i18n/transition.fr";
import type { InventoryKind } from "./inventory";
import type { Role } from "./states";

type TransitionKey = keyof typeof frTransition;
/** Who ticks a step: the member, the receiving provider, or either (a steward always may). */
export type Ticker = "member" | "provider" | "both";

export interface ChecklistStep {
  code: string;
  by: Ticker;
  label: TransitionKey;
}

const step = (code: string, by: Ticker, label: TransitionKey): ChecklistStep => ({ code, by, label });

export const CHECKLISTS: Record<InventoryKind, readonly ChecklistStep[]> = {
  web_hosting: [
    step("backup_taken", "member", "transition.check.backup_taken"),
    step("database_exported", "both", "transition.check.database_exported"),
    step("files_copied", "provider", "transition.check.files_copied"),
    step("tested_temporary_address", "both", "transition.check.tested_temporary_address"),
    step("dns_switched", "both", "transition.check.dns_switched"),
    step("tls_working", "provider", "transition.check.tls_working"),
  ],
  mailbox: [
    step("mailbox_created", "provider", "transition.check.mailbox_created"),
    step("mail_copied", "provider", "transition.check.mail_copied"),
    step("mx_switched", "both", "transition.check.mx_switched"),
    step("spf_dkim_dmarc_set", "both", "transition.check.spf_dkim_dmarc_set"),
    step("last_delta_copied", "provider", "transition.check.last_delta_copied"),
    step("clients_reconfigured", "member", "transition.check.clients_reconfigured"),
  ],
  mail_alias: [
    step("alias_recreated", "provider", "transition.check.alias_recreated"),
    step("alias_tested", "member", "transition.check.alias_tested"),
  ],
  mailing_list: [
    step("subscribers_archives_exported", "both", "transition.check.subscribers_archives_exported"),
    step("list_recreated_with_owners", "provider", "transition.check.list_recreated_with_owners"),
    step("test_post_sent", "member", "transition.check.test_post_sent"),
    step("dns_mx_switched", "both", "transition.check.dns_mx_switched"),
  ],
  domain_registration: [
    step("domain_unlocked", "member", "transition.check.domain_unlocked"),
    step("transfer_code_given", "member", "transition.check.transfer_code_given"),
    step("domain_transferred", "provider", "transition.check.domain_transferred"),
    step("zone_copied", "provider", "transition.check.zone_copied"),
    step("name_servers_switched", "both", "transition.check.name_servers_switched"),
    step("expiry_checked", "member", "transition.check.expiry_checked"),
  ],
  // A zone alone (the registration stays where it is): copy it, then point the name servers at it.
  dns_hosting: [
    step("zone_copied", "provider", "transition.check.zone_copied"),
    step("name_servers_switched", "both", "transition.check.name_servers_switched"),
  ],
};

/** Ticked steps by code: who ticked and when. Unknown codes are ignored by every reader. */
export type ChecklistState = Readonly<Record<string, { by: Role; at: string }>>;

export function mayTick(by: Ticker, role: Role): boolean {
  return role === "steward" || by === "both" || by === role;
}

export type TickResult = { ok: true; state: ChecklistState; changed: boolean } | { ok: false; code: "unknown_step" | "not_allowed" };

function find(kind: InventoryKind, code: string): ChecklistStep | undefined {
  return CHECKLISTS[kind].find((s) => s.code === code);
}

/** Ticks a step; ticking a ticked step changes nothing (a double click or a replayed webhook). */
export function tick(kind: InventoryKind, state: ChecklistState, code: string, role: Role, now: string): TickResult {
  const s = find(kind, code);
  if (!s) return { ok: false, code: "unknown_step" };
  if (!mayTick(s.by, role)) return { ok: false, code: "not_allowed" };
  if (state[code]) return { ok: true, state, changed: false };
  return { ok: true, state: { ...state, [code]: { by: role, at: now } }, changed: true };
}

/** Unticks a step; whoever may tick it may untick it. */
export function untick(kind: InventoryKind, state: ChecklistState, code: string, role: Role): TickResult {
  const s = find(kind, code);
  if (!s) return { ok: false, code: "unknown_step" };
  if (!mayTick(s.by, role)) return { ok: false, code: "not_allowed" };
  if (!state[code]) return { ok: true, state, changed: false };
  const { [code]: _removed, ...rest } = state;
  return { ok: true, state: rest, changed: true };
}

export interface ChecklistRow extends ChecklistStep {
  done: { by: Role; at: string } | null;
  /** The viewer may tick or untick it. */
  editable: boolean;
}

/** The checklist as a page shows it to a viewer, in the steps' order. */
export function checklistView(kind: InventoryKind, state: ChecklistState, viewer: Role): ChecklistRow[] {
  return CHECKLISTS[kind].map((s) => ({ ...s, done: state[s.code] ?? null, editable: mayTick(s.by, viewer) }));
}

export function checklistProgress(kind: InventoryKind, state: ChecklistState): { ticked: number; total: number } {
  const steps = CHECKLISTS[kind];
  return { ticked: steps.filter((s) => state[s.code]).length, total: steps.length };
}
