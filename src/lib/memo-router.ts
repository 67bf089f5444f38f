// The app's router, remembering what each method and path matched. Hono's default (SmartRouter)
// falls back to its TrieRouter here — RegExpRouter cannot take some of our route shapes, such as
// `/orgs/:orgId/offers/*` middleware beside `/orgs/:orgId/offers/:offerId/edit` — and the trie walks
// ~700 routes and every `*` middleware on each request: the largest share of a cached directory
// request's CPU (`npm run bench:http:profile`). Routes never change once the app serves, so a match
// depends on method and path only; Hono reads a match result without changing it, so one result
// serves every request for that path. Bounded: the oldest entries go first (ids make paths many), and
// long paths are matched afresh each time, so odd requests cannot fill the isolate's memory.
import type { Result, Router } from "hono/router";
import { RegExpRouter } from "hono/router/reg-exp-router";
import { SmartRouter } from "hono/router/smart-router";
import { TrieRouter } from "hono/router/trie-router";

export class MemoRouter<T> implements Router<T> {
  name = "MemoRouter";
  readonly #inner: Router<T>;
  readonly #memo = new Map<string, Result<T>>();
  readonly #max: number;
  /** Paths longer than this are not remembered. */
  static readonly MAX_PATH = 200;

  constructor(opts: { inner?: Router<T>; max?: number } = {}) {
    this.#inner = opts.inner ?? new SmartRouter<T>({ routers: [new RegExpRouter(), new TrieRouter()] });
    this.#max = opts.max ?? 1000;
  }

  add(method: string, path: string, handler: T): void {
    this.#inner.add(method, path, handler);
    this.#memo.clear();
  }

  match(method: string, path: string): Result<T> {
    if (path.length > MemoRouter.MAX_PATH) return this.#inner.match(method, path);
    const key = `${method} ${path}`;
    let result = this.#memo.get(key);
    if (result === undefined) {
      result = this.#inner.match(method, path);
      this.#memo.set(key, result);
      if (this.#memo.size > this.#max) this.#memo.delete(this.#memo.keys().next().value!);
    }
    return result;
  }
}
