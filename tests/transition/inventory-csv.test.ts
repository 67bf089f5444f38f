// The inventory as CSV: the same result as the JSON body, through quotes, commas, a BOM and CRLF,
// and errors that name the spreadsheet's line and column.
import { describe, expect, it } from "vitest";
import { parseInventory } from "../../src/transition/inventory";
import { parseInventoryCsv } from "../../src/transition/inventory-csv";

const HEADER = "external_ref,name,legal_name,contact_email,language,kind,host,software,disk_mb,database_mb,address,quota_mb,used_mb,targets,subscribers,archive_mb,owners,domain,registrar,expires_on,dns_hosted,records";
const lines = (...rows: string[]) => [HEADER, ...rows].join("\r\n") + "\r\n";

const SAMPLE = lines(
  `cas-001,"Les Amis, du Parc","Les ""Amis"" du Parc asbl",bureau@amis.be,nl,web_hosting,www.amis.be,SPIP,800,40,,,,,,,,,,,,`,
  `cas-001,,,,,mailbox,,,,,Bureau@Amis.be,2048,1500,,,,,,,,,`,
  `cas-001,,,,,mail_alias,,,,,contact@amis.be,,,"b@amis.be;a@amis.be",,,,,,,,`,
  `cas-001,,,,,mailing_list,,,,,membres@amis.be,,,,240,35,"bureau@amis.be\nsecretariat@amis.be",,,,,`,
  `cas-001,"Les Amis, du Parc",,,,domain_registration,,,,,,,,,,,,Bücher.be,DNS Belgium,2027-03-01,oui,"[{""name"":""@"",""type"":""MX"",""value"":""mx.amis.be"",""priority"":10}]"`,
  `cas-002,Quartier Libre,,info@ql.be,,,,,,,,,,,,,,,,,,`,
);

const JSON_BODY = {
  organisations: [
    {
      external_ref: "cas-001",
      name: "Les Amis, du Parc",
      legal_name: 'Les "Amis" du Parc asbl',
      contact_email: "bureau@amis.be",
      language: "nl",
      services: [
        { kind: "web_hosting", host: "www.amis.be", software: "SPIP", disk_mb: 800, database_mb: 40 },
        { kind: "mailbox", address: "Bureau@Amis.be", quota_mb: 2048, used_mb: 1500 },
        { kind: "mail_alias", address: "contact@amis.be", targets: ["b@amis.be", "a@amis.be"] },
        { kind: "mailing_list", address: "membres@amis.be", subscribers: 240, archive_mb: 35, owners: ["bureau@amis.be", "secretariat@amis.be"] },
        { kind: "domain_registration", name: "Bücher.be", registrar: "DNS Belgium", expires_on: "2027-03-01", dns_hosted: true, records: [{ name: "@", type: "MX", value: "mx.amis.be", priority: 10 }] },
      ],
    },
    { external_ref: "cas-002", name: "Quartier Libre", contact_email: "info@ql.be", services: [] },
  ],
};

describe("parseInventoryCsv", () => {
  it("reads one line per service into the same import as the JSON body", () => {
    const csv = parseInventoryCsv(SAMPLE);
    const json = parseInventory(JSON_BODY);
    expect(csv.ok && json.ok).toBe(true);
    expect(csv).toEqual(json);
  });

  it("ignores a byte order mark, and reads LF and ';'-delimited files (Belgian spreadsheets) alike", () => {
    const expected = parseInventoryCsv(SAMPLE);
    expect(parseInventoryCsv(`\uFEFF${SAMPLE}`)).toEqual(expected);
    expect(parseInventoryCsv(SAMPLE.replaceAll("\r\n", "\n"))).toEqual(expected);
    const semicolons = [
      "external_ref;name;contact_email;kind;address;targets",
      `cas-9;"Amis; Parc";a@b.be;mail_alias;x@b.be;"a@b.be;c@b.be"`,
    ].join("\r\n");
    const r = parseInventoryCsv(semicolons);
    expect(r.ok && r.value.organisations[0]).toMatchObject({ name: "Amis; Parc", services: [{ kind: "mail_alias", address: "x@b.be", targets: ["a@b.be", "c@b.be"] }] });
  });

  it("skips blank lines and counts rows as the spreadsheet does (a quoted line break stays in its row)", () => {
    const r = parseInventoryCsv(lines(`cas-1,A,,a@a.be,,mailing_list,,,,,l@a.be,,,,"12",,"o@a.be\r\nowner2@a.be",,,,,`, "", `cas-1,,,,,mailbox,,,,,m@a.be,many,,,,,,,,,,`));
    // Header 1, the list 2, the blank line 3 (skipped but still a row of the file), the mailbox 4.
    expect(r).toEqual({ ok: false, errors: [{ field: "lines.4.quota_mb", line: 4, column: "quota_mb", message: expect.stringContaining("number") }] });
  });

  it("names line and column for a value the schema refuses, also inside records", () => {
    const r = parseInventoryCsv(lines(
      `cas-1,A,,a@a.be,,mailbox,,,,,a@a.be,1.5,,,,,,,,,,`,
      `cas-1,,,,,domain_registration,,,,,,,,,,,,a..be,,2027-13-01,maybe,"[{""name"":""@"",""type"":""A"",""value"":""nope""}]"`,
    ));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => `${e.line}:${e.column}`).sort()).toEqual(["2:quota_mb", "3:dns_hosted", "3:domain", "3:expires_on", "3:records"]);
    expect(r.errors.find((e) => e.column === "records")?.message).toMatch(/^0\.value: /);
  });

  it("refuses a duplicate service by its line, and organisation columns that disagree", () => {
    const r = parseInventoryCsv(lines(`cas-1,A,,a@a.be,,mailbox,,,,,a@a.be,,,,,,,,,,,`, `cas-1,B,,,,mailbox,,,,,A@a.be,,,,,,,,,,,`));
    expect(r).toEqual({ ok: false, errors: [{ field: "lines.3.name", line: 3, column: "name", message: "differs from line 2 of the same external_ref" }] });
    const dup = parseInventoryCsv(lines(`cas-1,A,,a@a.be,,mailbox,,,,,a@a.be,,,,,,,,,,,`, `cas-1,,,,,mailbox,,,,,A@a.be,,,,,,,,,,,`));
    expect(dup).toEqual({ ok: false, errors: [{ field: "lines.3.address", line: 3, column: "address", message: "the same address as line 2" }] });
  });

  it("refuses a column that does not belong to the line's kind, an unknown kind, and service cells without a kind", () => {
    const r = parseInventoryCsv(lines(`cas-1,A,,a@a.be,,web_hosting,a.be,,,,,12,,,,,,,,,,`, `cas-1,,,,,telex,,,,,,,,,,,,,,,,`, `cas-1,,,,,,a.be,,,,,,,,,,,,,,,`));
    expect(r.ok || r.errors.map((e) => `${e.line}:${e.column}`)).toEqual(["2:quota_mb", "3:kind", "4:kind"]);
  });

  it("refuses a header with unknown, missing or repeated columns, and an empty file", () => {
    const r = parseInventoryCsv("external_ref,name,colour,kind,kind\r\nx,y,z,,\r\n");
    expect(r.ok || r.errors.map((e) => `${e.line}:${e.column}:${e.message}`)).toEqual(["1:colour:unknown column", "1:contact_email:missing column", "1:kind:column given twice"]);
    expect(parseInventoryCsv("")).toMatchObject({ ok: false, errors: [{ line: 1, column: "(header)" }] });
    expect(parseInventoryCsv("\uFEFF\r\n")).toMatchObject({ ok: false });
  });

  it("refuses a line with too many cells, and an unclosed quote", () => {
    const r = parseInventoryCsv(lines(`cas-1,A,,a@a.be,,,,,,,,,,,,,,,,,,,extra`));
    expect(r.ok || r.errors[0]).toMatchObject({ line: 2, column: "(line)" });
    const q = parseInventoryCsv(lines(`cas-1,"A,,a@a.be,,,,,,,,,,,,,,,,,,`));
    expect(q.ok).toBe(false);
  });
});
