// The authorisation matrix: every route of the app × every role, with the status each must get.
// A route added without a row (in tests/authz/rows/) fails the coverage test, so nothing ships
// without a decision.
// Cells that change what they touch get fresh resources (world.ts), so each cell is independent.
// The rows run in parts, one test file each (matrix.part*.test.ts): every file has its own isolate
// and storage, and one isolate answering all ~270 rows × 7 roles ran out of stack inside SELF.fetch.
// The parts are the suite's longest files: vitest.config.ts starts them first (tests/projects.ts).
import { beforeAll, describe, expect, it } from "vitest";
import { Browser, newDevice, signIn } from "../accounts/helpers";
import { BASE } from "../helpers/http";
import { PAGE, type Expect, type Request, type Row } from "./kit";
import { buildWorld, EMAILS, ROLES, type World } from "./world";

// Each feature's rows live in rows/<feature>.ts (exporting `rows`); every file there is collected,
// so a feature adds its routes' rows without editing this file.
const rowFiles = import.meta.glob<Row[]>("./rows/*.ts", { import: "rows", eager: true });
const FILES = Object.keys(rowFiles).sort();
export const ROWS: Row[] = FILES.flatMap((file) => rowFiles[file]!);

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

/** Part `part` (0-based) of `parts`: the rows cut into contiguous runs of about equal length. */
export function rowsOfPart(part: number, parts: number): Row[] {
  const size = Math.ceil(ROWS.length / parts);
  return ROWS.slice(part * size, (part + 1) * size);
}

/** Every row of one part, each cell asked by every role in a world of its own. */
export function matrixPart(part: number, parts: number) {
  let world: World;
  beforeAll(async () => {
    world = await buildWorld(newDevice());
  }, 60_000);

  describe(`the authorisation matrix, part ${part + 1} of ${parts}`, () => {
    it.each(rowsOfPart(part, parts).map((row) => [row.route, row] as const))("%s", async (_route, row) => {
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
}
