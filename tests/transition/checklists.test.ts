// Checklists: every kind has its steps, every step a label in each language, and only the right
// people tick them.
import { describe, expect, it } from "vitest";
import { catalogs, LANGS } from "../../web/i18n";
import { CHECKLISTS, checklistProgress, checklistView, tick, untick, type ChecklistState } from "../../src/transition/checklists";
import { INVENTORY_KINDS } from "../../src/transition/inventory";

const NOW = "2026-10-01T09:00:00.000Z";

describe("checklists", () => {
  it("has the issue's steps for each kind, with codes unique within a kind", () => {
    expect(CHECKLISTS.web_hosting.map((s) => s.code)).toEqual(["backup_taken", "database_exported", "files_copied", "tested_temporary_address", "dns_switched", "tls_working"]);
    expect(CHECKLISTS.mailbox.map((s) => s.code)).toEqual(["mailbox_created", "mail_copied", "mx_switched", "spf_dkim_dmarc_set", "last_delta_copied", "clients_reconfigured"]);
    expect(CHECKLISTS.mail_alias.map((s) => s.code)).toEqual(["alias_recreated", "alias_tested"]);
    expect(CHECKLISTS.mailing_list.map((s) => s.code)).toEqual(["subscribers_archives_exported", "list_recreated_with_owners", "test_post_sent", "dns_mx_switched"]);
    expect(CHECKLISTS.domain_registration.map((s) => s.code)).toEqual(["domain_unlocked", "transfer_code_given", "domain_transferred", "zone_copied", "name_servers_switched", "expiry_checked"]);
    for (const kind of INVENTORY_KINDS) {
      const codes = CHECKLISTS[kind].map((s) => s.code);
      expect(new Set(codes).size, kind).toBe(codes.length);
      for (const c of codes) expect(c).toMatch(/^[a-z][a-z_]*$/);
    }
  });

  it("labels every step in French, Dutch and English, each differently worded", () => {
    for (const kind of INVENTORY_KINDS) {
      for (const s of CHECKLISTS[kind]) {
        const texts = LANGS.map((l) => catalogs[l][s.label]);
        for (const t of texts) expect(t, s.label).toMatch(/\S/);
        expect(new Set(texts).size, s.label).toBeGreaterThan(1);
      }
    }
  });

  it("lets the member tick member steps, the provider provider steps, either 'both' steps, a steward any", () => {
    const state: ChecklistState = {};
    expect(tick("web_hosting", state, "backup_taken", "provider", NOW)).toEqual({ ok: false, code: "not_allowed" });
    expect(tick("web_hosting", state, "files_copied", "member", NOW)).toEqual({ ok: false, code: "not_allowed" });
    expect(tick("web_hosting", state, "dns_switched", "member", NOW)).toMatchObject({ ok: true, changed: true, state: { dns_switched: { by: "member", at: NOW } } });
    expect(tick("web_hosting", state, "dns_switched", "provider", NOW)).toMatchObject({ ok: true, changed: true });
    expect(tick("web_hosting", state, "backup_taken", "steward", NOW)).toMatchObject({ ok: true, state: { backup_taken: { by: "steward" } } });
    expect(tick("web_hosting", state, "mx_switched", "steward", NOW)).toEqual({ ok: false, code: "unknown_step" });
  });

  it("ticks idempotently, and unticks what it ticked without touching the rest", () => {
    const one = tick("mailbox", {}, "mail_copied", "provider", NOW);
    if (!one.ok) throw new Error(one.code);
    const again = tick("mailbox", one.state, "mail_copied", "provider", "2026-10-02T09:00:00.000Z");
    expect(again).toEqual({ ok: true, state: one.state, changed: false });
    const two = tick("mailbox", one.state, "mx_switched", "member", NOW);
    if (!two.ok) throw new Error(two.code);
    expect(checklistProgress("mailbox", two.state)).toEqual({ ticked: 2, total: 6 });
    expect(untick("mailbox", two.state, "mail_copied", "member")).toEqual({ ok: false, code: "not_allowed" });
    const back = untick("mailbox", two.state, "mail_copied", "provider");
    expect(back).toEqual({ ok: true, changed: true, state: { mx_switched: { by: "member", at: NOW } } });
    expect(untick("mailbox", {}, "mail_copied", "provider")).toEqual({ ok: true, changed: false, state: {} });
  });

  it("shows each step with who ticked it and whether the viewer may change it", () => {
    const rows = checklistView("mail_alias", { alias_recreated: { by: "provider", at: NOW }, stray: { by: "member", at: NOW } }, "member");
    expect(rows).toEqual([
      { code: "alias_recreated", by: "provider", label: "transition.check.alias_recreated", done: { by: "provider", at: NOW }, editable: false },
      { code: "alias_tested", by: "member", label: "transition.check.alias_tested", done: null, editable: true },
    ]);
  });
});
