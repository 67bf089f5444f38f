// The app's router (src/lib/memo-router.ts): the same match as Hono's default router for every route
// the app serves, computed once per method and path, bounded, long paths never kept.
import type { Result, Router } from "hono/router";
import { RegExpRouter } from "hono/router/reg-exp-router";
import { SmartRouter } from "hono/router/smart-router";
import { TrieRouter } from "hono/router/trie-router";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { MemoRouter } from "../../src/lib/memo-router";

/** A router that counts its matches, around Hono's default. */
function counting<T>() {
  const inner = new SmartRouter<T>({ routers: [new RegExpRouter(), new TrieRouter()] });
  const counter = { matches: 0 };
  const router: Router<T> = { name: "counting", add: (m, p, h) => inner.add(m, p, h), match: (m, p) => (counter.matches++, inner.match(m, p)) };
  return { router, counter };
}

/** A match as data: each handler's position in the routes, with its params. */
const shape = <T>(r: Result<T>, handlers: T[]) =>
  r[0].map(([h, params]) => [handlers.indexOf(h as T), r[1] ? Object.fromEntries(Object.entries(params as Record<string, number>).map(([k, i]) => [k, r[1]![i]])) : params]);

describe("MemoRouter", () => {
  const app = createApp();
  const routes = app.routes;
  const handlers = routes.map((r) => r.handler);
  // Every route's path with its parameters filled in, plus paths no route serves.
  const paths = [...new Set(routes.map((r) => r.path.replace(/\/\*$/, "/x").replace(/:[A-Za-z_]+/g, (p) => `v_${p.slice(1)}`)))].concat("/nowhere", "/api/v1/nowhere", "/");

  it("matches every path of the app as Hono's default router does, and remembers it", () => {
    const memo = new MemoRouter<(typeof handlers)[number]>();
    const plain = new SmartRouter<(typeof handlers)[number]>({ routers: [new RegExpRouter(), new TrieRouter()] });
    for (const r of routes) {
      memo.add(r.method, r.path, r.handler);
      plain.add(r.method, r.path, r.handler);
    }
    expect(paths.length).toBeGreaterThan(200);
    for (const path of paths) {
      for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) {
        const expected = shape(plain.match(method, path), handlers);
        const first = memo.match(method, path);
        expect(shape(first, handlers), `${method} ${path}`).toEqual(expected);
        expect(memo.match(method, path)).toBe(first); // the same result, not matched again
      }
    }
  });

  it("keeps at most `max` paths, the oldest out first, and never a long path", () => {
    const { router, counter } = counting<string>();
    const memo = new MemoRouter<string>({ inner: router, max: 2 });
    memo.add("GET", "/a/:id", "a");
    memo.add("GET", "*", "mw");
    memo.match("GET", "/a/1");
    memo.match("GET", "/a/2");
    memo.match("GET", "/a/1");
    expect(counter.matches).toBe(2);
    memo.match("GET", "/a/3"); // /a/1 leaves
    memo.match("GET", "/a/2");
    expect(counter.matches).toBe(3);
    memo.match("GET", "/a/1");
    expect(counter.matches).toBe(4);
    const long = `/a/${"x".repeat(MemoRouter.MAX_PATH)}`;
    const before = counter.matches;
    expect(memo.match("GET", long)[0].map(([h]) => h)).toEqual(["a", "mw"]);
    memo.match("GET", long);
    expect(counter.matches).toBe(before + 2); // matched each time
  });
});
