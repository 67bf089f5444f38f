// The authorisation matrix: every route of the app × every role, with the status each must get.
// A route added without a row (in tests/authz/rows/) fails the coverage test, so nothing ships
// without a decision.
// Cells that change what they touch get fresh resources (world.ts), so each cell is independent.
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { Browser, newDevice, signIn } from "../accounts/helpers";
import { BASE } from "../helpers/http";
import { PAGE, type Expect, type Request, type Row } from "./kit";
import { buildWorld, EMAILS, ROLES, type World } from "./world";

// Each feature's rows live in rows/<feature>.ts (exporting `rows`); every file there is collected,
// so a feature adds its routes' rows without editing this file.
const rowFiles = import.meta.glob<Row[]>("./rows/*.ts", { import: "rows", eager: true });
const ROWS: Row[] = Object.keys(rowFiles)
  .sort()
  .flatMap((file) => rowFiles[file]!);

async function send(browser: Browser, req: Request): Promise<Response> {
  if (req.raw) {
    return browser.fetch(req.path, { method: "POST", headers: { "content-type": req.raw.type, origin: BASE, "sec-fetch-site": "same-origin" }, body: req.raw.body });
  }
  if (req.json !== undefined) {
    return browser.fetch(req.path, {
      method: req.method ?? "POST",
      headers: { "content-type": "application/json", origin: BASE, "sec-fetch-site": "same-origin" },
      body: JSON.stringify(req.json),
    });
  }
  if (req.form) {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(req.form)) for (const one of [v].flat()) body.append(k, one);
    return browser.fetch(req.path, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", origin: BASE, "sec-fetch-site": "same-origin" }, body: body.toString() });
  }
  return browser.fetch(req.path);
}

let world: World;
beforeAll(async () => {
  world = await buildWorld(newDevice());
}, 60_000);

describe("the authorisation matrix", () => {
  it("has a row for every route the app serves", () => {
    const served = new Set(createApp().routes.filter((r) => r.method !== "ALL").map((r) => `${r.method} ${r.path}`));
    const covered = new Set(ROWS.map((r) => r.route));
    expect([...served].filter((r) => !covered.has(r)).sort(), "routes without a row").toEqual([]);
    expect([...covered].filter((r) => !served.has(r)).sort(), "rows without a route").toEqual([]);
    expect(ROWS.length, "one row per route, whichever feature file holds it").toBe(covered.size);
  });

  it.each(ROWS.map((row) => [row.route, row] as const))("%s", async (_route, row) => {
    const got: Partial<Expect> = {};
    for (const role of ROLES) {
      let browser = world.browsers[role];
      if (row.ownSession && role !== "anonymous") browser = await signIn(EMAILS[role]);
      const res = await send(browser, await row.request(world, role));
      got[role] = res.status;
      // A page sending an anonymous visitor away must send them to sign in.
      if (res.status === 303 && role === "anonymous" && row.expect.anonymous === PAGE && !row.route.startsWith("POST")) {
        expect(res.headers.get("location")).toMatch(/^\/sign-in\?next=/);
      }
    }
    expect(got).toEqual(row.expect);
  });
});
