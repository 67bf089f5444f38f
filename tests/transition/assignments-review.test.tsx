// The steward's review of an assignment (web/pages/transition/assignments.tsx) when the `optimal`
// search stopped at its budget: it says so and, when the search has a bound, how far at worst the
// answer is from the best possible, in each language. (The proved path runs through the page tests.)
import { describe, expect, it } from "vitest";
import type { Child } from "hono/jsx";
import { AssignmentsPage, type Review } from "../../web/pages/transition/assignments";
import { formatMoney } from "../../web/components/format";
import { LANGS, translator } from "../../web/i18n";
import type { AssignReply } from "../../src/transition/assign/service";

const render = async (node: Child) => String(await (node as { toString(): string | Promise<string> }).toString());
/** Text as hono/jsx writes it into the page. */
const html = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

const reply = (over: Partial<AssignReply>): AssignReply => ({
  mode: "optimal",
  assignments: [{ organisation_id: "org_a", items: [{ inventory_id: "svc_1", offer_id: "off_1" }], monthly_cents: 1_000 }],
  unassigned: [],
  objective_cents: 1_200,
  proved_optimal: false,
  lower_bound_cents: 1_147,
  stable: null,
  capacity_used: {},
  ...over,
});

const page = (lang: (typeof LANGS)[number], r: AssignReply) => {
  const review: Review = { reply: r, token: "tok", names: new Map([["org_a", "Asbl A"]]), providers: new Map(), open: new Set(), offers: new Map([["off_1", { name: "Boîte", providerId: "prv_1" }]]) };
  const t = translator(lang);
  return render(<AssignmentsPage lang={lang} t={t} title="" url={new URL("https://chatiere.test/transition/assignments")} candidates={[]} values={{ members: [], all: false, mode: "optimal", groups: "" }} errors={{}} review={review} recent={[]} />);
};

describe("assignment review: a search stopped at its budget", () => {
  it("gives the most the answer can cost above the best possible, in every language", async () => {
    for (const lang of LANGS) {
      const t = translator(lang);
      const out = await page(lang, reply({}));
      const gap = t("proposals.review.not_proved_gap", { gap: formatMoney(53, lang) });
      expect(gap).toContain(formatMoney(53, lang));
      expect(out).toContain(html(gap));
      expect(out).not.toContain(`>${html(t("proposals.review.not_proved"))}<`);
    }
  });

  it("says only that it stopped when the search has no bound, and nothing when it proved the optimum", async () => {
    const t = translator("fr");
    const unbounded = await page("fr", reply({ lower_bound_cents: null }));
    expect(unbounded).toContain(`>${html(t("proposals.review.not_proved"))}<`);
    expect(unbounded).not.toContain("Au pire");
    const proved = await page("fr", reply({ proved_optimal: true, lower_bound_cents: 1_200 }));
    expect(proved).not.toContain(html(t("proposals.review.not_proved")));
  });
});
