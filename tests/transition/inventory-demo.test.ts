// The demo inventory `npm start` loads (demo/inventory.json, through scripts/seed-demo.mjs) with the
// key `npm run steward -- <email> --key <name>` mints (scripts/steward-sql.mjs): the key carries every
// steward scope, the file passes the import and holds every kind of service.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { STEWARD_KEY_SCOPES as CLI_SCOPES, grantSql, newKeySecret } from "../../scripts/steward-sql.mjs";
import { hashKey } from "../../src/accounts/keys/secret";
import { STEWARD_KEY_SCOPES } from "../../src/accounts/keys/model";
import { INVENTORY_KINDS } from "../../src/transition/inventory";
import type { ImportReplyBody } from "../../src/transition/inventory/inventory.api";
import demo from "../../demo/inventory.json";
import { postJson } from "../helpers/http";
import { bearer } from "../helpers/people";

describe("the demo inventory and the steward command's key", () => {
  it("the command mints a key with every steward scope", () => {
    expect([...CLI_SCOPES].sort()).toEqual([...STEWARD_KEY_SCOPES].sort());
  });

  it("imports the demo inventory with that key: three member organisations, every kind, invitations in fr, nl and en; again changes nothing", async () => {
    const secret = newKeySecret();
    const sql = grantSql({ email: "seed@example.org", key: { name: "demo seed", start: secret.slice(0, 12), hash: await hashKey(secret) } });
    await env.DB.batch(sql.split("\n").map((line) => env.DB.prepare(line)));
    const res = await postJson("/api/v1/transition/inventory", demo, bearer(secret));
    expect(res.status).toBe(200);
    const body = await res.json<ImportReplyBody>();
    expect(body.organisations.map((o) => o.created)).toEqual([true, true, true]);
    const ids = body.organisations.map((o) => o.organisation_id);
    const kinds = await env.DB.prepare(`select distinct kind from inventory_services where org_id in (${ids.map(() => "?").join(",")})`).bind(...ids).all<{ kind: string }>();
    expect(kinds.results.map((k) => k.kind).sort()).toEqual([...INVENTORY_KINDS].sort());
    const langs = await env.DB.prepare(`select json_extract(o.payload, '$.lang') as lang from outbox o join invitations i on i.email = o.recipient where i.org_id in (${ids.map(() => "?").join(",")}) order by lang`).bind(...ids).all<{ lang: string }>();
    expect(langs.results.map((l) => l.lang)).toEqual(["en", "fr", "nl"]);
    const again = await (await postJson("/api/v1/transition/inventory", demo, bearer(secret))).json<ImportReplyBody>();
    expect(again.organisations.every((o) => !o.created && o.services.added + o.services.updated + o.services.gone === 0)).toBe(true);
  });
});
