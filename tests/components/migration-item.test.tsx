// A host's or a member's page lists many item cards. Two items at the same point of their checklist,
// or two with a DNS check, must not become region landmarks of one name: axe's landmark-unique failed
// CI on a host with two demo mailboxes both at "0 of 6". Each card's inner parts are named groups.
import { describe, expect, it } from "vitest";
import type { Child } from "hono/jsx";
import { ItemCard, type MigrationItemView } from "../../web/components/migration-item";
import { translator } from "../../web/i18n";
import { checklistProgress, checklistView } from "../../src/transition/checklists";

const render = async (node: Child) => String(await (node as { toString(): string | Promise<string> }).toString());
const t = translator("fr");

const item = (id: string, label: string): MigrationItemView => ({
  id,
  migration_id: "mig_1",
  kind: "mailbox",
  label,
  offer_id: "off_1",
  offer_name: "Boîte",
  provider_id: "prv_1",
  provider_name: "Hôte",
  state: "cutover",
  blocked_from: null,
  scheduled_for: "2027-06-01",
  data_copy: null,
  last_move_at: "2027-05-01T10:00:00Z",
  checklist: checklistView("mailbox", {}, "provider"),
  checklist_progress: checklistProgress("mailbox", {}),
  allowed_moves: [],
  history: [],
  dns: { item_id: id, dns_targets: { mx: ["mx.hote.example"] }, dns_verified_at: null, checks: [] },
});

/** The accessible name of every region landmark (a section named by aria-labelledby or aria-label). */
function regionNames(html: string): string[] {
  const names: string[] = [];
  for (const m of html.matchAll(/<section\b[^>]*?\baria-(labelledby|label)="([^"]+)"/g)) {
    if (m[1] === "label") names.push(m[2]!);
    else names.push(m[2]!.split(" ").map((id) => new RegExp(`id="${id}"[^>]*>([^<]*)<`).exec(html)?.[1] ?? "").join(" "));
  }
  return names;
}

describe("item cards", () => {
  it("two cards at the same progress, both with a DNS check, have no two regions of one name", async () => {
    const html = await render(
      <ol>
        <ItemCard t={t} lang="fr" item={item("mit_a", "a@voisins.example.be")} canAct={false} base="/orgs/o/migrations" deadline={undefined} />
        <ItemCard t={t} lang="fr" item={item("mit_b", "b@voisins.example.be")} canAct={false} base="/orgs/o/migrations" deadline={undefined} />
      </ol>,
    );
    // Both checklists and both DNS checks are there, as groups named by their headings.
    expect(html.match(/role="group" aria-labelledby="check-mit_[ab]"/g)).toHaveLength(2);
    expect(html.match(/role="group" aria-labelledby="dns-mit_[ab]"/g)).toHaveLength(2);
    const names = regionNames(html);
    expect(new Set(names).size).toBe(names.length);
  });
});
