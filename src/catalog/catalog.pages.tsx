// The public directory's pages. Access: public, read-only. Handlers stay thin: parse the query
// (the same catalogFilterSchema as the API), call the repository, render a web/pages view.
import { Hono, type Context } from "hono";
import { z } from "zod";
import { ComparePage } from "../../web/pages/compare";
import { HomePage } from "../../web/pages/home";
import { OfferVersionPage } from "../../web/pages/offer-version";
import { ProviderPage } from "../../web/pages/provider";
import { DirectoryPage } from "../../web/pages/providers";
import { MAX_COMPARE } from "../../web/components/selection";
import { pageProps } from "../../web/components/page-props";
import { CooperativePage, TogetherPage } from "../../web/pages/paths";
import { viabilityMeter } from "../coop/pledges/service";
import { coopProviderId } from "../coop/subscriptions/service";
import { settings, type AppEnv } from "../env";
import { AppError, PageError, fieldErrors, type FieldError } from "../lib/problem";
import { catalogFilterSchema, type CatalogFilter } from "./filters";
import type { OfferDto } from "./dto";
import { getVersion, listVersions } from "./versions";
import { publicSummary } from "../transition/control/service";
import { publicCapacity } from "../transition/capacity/service";
import { catalogCounts, directoryFacets, getProvider, listProviders, providerOffers, publishedOffersById, publishedOffersOf } from "./repository";

export const catalogPages = new Hono<AppEnv>();

catalogPages.get("/", async (c) => {
  const [counts, transition, meter] = await Promise.all([catalogCounts(c.var.db), publicSummary(c.var.ctx), viabilityMeter(c.var.ctx)]);
  return c.html(<HomePage {...pageProps(c)} counts={counts} demo={counts.demo > 0} transition={transition} meter={meter} />);
});

// Access: public. The home page's "with other members" and "with the cooperative" ways to move.
catalogPages.get("/together", (c) => c.html(<TogetherPage {...pageProps(c)} contact={settings(c.env).CONTACT_EMAIL} />));
catalogPages.get("/cooperative", (c) => c.html(<CooperativePage {...pageProps(c)} contact={settings(c.env).CONTACT_EMAIL} />));

catalogPages.get("/providers", async (c) => {
  // Bad values come back beside the form with a 400, the visitor's other choices kept and applied.
  const read = readDirectoryQuery(c.req.queries());
  const { maxPrice } = read;
  let { filter, errors } = read;
  const db = c.var.db;
  // A cursor this list did not give out (a stale or edited link) is known only when it is read:
  // the first page then, said beside the form like any other bad value.
  const list = () =>
    listProviders(db, filter).catch((err: unknown) => {
      if (!(filter.cursor && err instanceof AppError && err.errors?.some((e) => e.field === "cursor"))) throw err;
      errors = [...errors, ...(err.errors ?? [])];
      filter = { ...filter, cursor: undefined };
      return listProviders(db, filter);
    });
  const [page, facets, selection] = await Promise.all([list(), directoryFacets(db), publishedOffersById(db, basketIds(c))]);
  const offersBy = await publishedOffersOf(db, page.data.map((p) => p.id));
  const results = page.data.map((provider) => ({ provider, offers: offersBy.get(provider.id) ?? [] }));
  return c.html(
    <DirectoryPage {...pageProps(c)} filter={filter} maxPrice={maxPrice} facets={facets} results={results} nextCursor={page.next_cursor} selection={selection} errors={errors} />,
    errors.length ? 400 : 200,
  );
});

catalogPages.get("/providers/:id", async (c) => {
  const id = c.req.param("id");
  const db = c.var.db;
  const provider = await getProvider(db, id).catch((err: unknown) => {
    throw isNotFound(err) ? new PageError("NOT_FOUND", `Provider ${id} does not exist`, "error.provider_not_found", { id }) : err;
  });
  const [own, selection, coopId, capacity] = await Promise.all([providerOffers(db, provider.id, { publishedOnly: true }), publishedOffersById(db, basketIds(c)), coopProviderId(db), publicCapacity(c.env.DB, provider.id)]);
  return c.html(<ProviderPage {...pageProps(c)} provider={provider} offers={own} selection={selection} coopPlans={coopId === provider.id} capacity={capacity} />);
});

// Access: public. Versions of offers whose provider is public; what a member saw stays viewable.
catalogPages.get("/offers/:id/versions/:version", async (c) => {
  const id = c.req.param("id");
  const version = Number(c.req.param("version"));
  const missing = () => new PageError("NOT_FOUND", `Offer ${id} has no version ${c.req.param("version")}`, "versions.not_found", { id });
  if (!Number.isInteger(version) || version < 1) throw missing();
  const found = await getVersion(c.var.db, id, version).catch((err: unknown) => {
    throw isNotFound(err) ? missing() : err;
  });
  const { versions } = await listVersions(c.var.db, id);
  const v = found.version;
  return c.html(
    <OfferVersionPage
      {...pageProps(c)}
      offerId={id}
      version={{ version: v.version, created_at: v.createdAt, source: v.source }}
      latest={found.latest}
      snapshot={v.snapshot as OfferDto}
      history={versions}
    />,
  );
});

catalogPages.get("/compare", async (c) => {
  const ids = splitIds(c.req.queries("offers"));
  if (ids.length > MAX_COMPARE) {
    // Too many: the same page says so with a 400 and keeps every chosen offer ticked, so the visitor
    // unticks some instead of starting again. Unknown ids are dropped; a long query is cut short.
    const chosen = await publishedOffersById(c.var.db, ids.slice(0, MAX_COMPARE_LISTED));
    return c.html(<ComparePage {...pageProps(c)} items={[]} tooMany={{ chosen, n: ids.length }} />, 400);
  }
  const unknown = (id: string) => new PageError("NOT_FOUND", `Offer ${id} does not exist`, "error.offer_not_found", { id }, [{ field: "offers", message: id }]);
  const items = await publishedOffersById(c.var.db, ids);
  // Drafts and archived offers are not public: as unknown as a wrong id.
  const missing = ids.find((id) => !items.some((i) => i.offer.id === id));
  if (missing) throw unknown(missing);
  return c.html(<ComparePage {...pageProps(c)} items={items} />);
});

/** At most this many chosen offers are listed back when there are too many to compare. */
const MAX_COMPARE_LISTED = 24;

const isNotFound = (err: unknown) => err instanceof AppError && err.code === "NOT_FOUND";

// ── Query parsing ────────────────────────────────────────────────────────────────────────────

const REPEATABLE = new Set(["service", "country", "language"]);

/** Euros as people type them ("4", "4.5", "4,50") → integer cents, without floats. */
const eurosToCents = z
  .string()
  .trim()
  .regex(/^\d{1,6}([.,]\d{1,2})?$/, "an amount in euros such as 4.50")
  .transform((s) => {
    const [whole = "0", frac = ""] = s.split(/[.,]/);
    return Number(whole) * 100 + Number(frac.padEnd(2, "0"));
  });
const pageOnlySchema = z.object({ max_price: eurosToCents.optional() });

/**
 * The directory's query → the API's filter. An empty form field means "no filter"; `max_price`
 * (euros) stands in for max_monthly_cents. Bad values from both schemas are reported together.
 */
export function parseDirectoryQuery(query: Record<string, string[]>): { filter: CatalogFilter; maxPrice: string } {
  const read = readDirectoryQuery(query);
  if (read.errors.length) {
    const fields = [...new Set(read.errors.map((e) => e.field))].join(", ");
    throw new AppError("VALIDATION_FAILED", `Invalid value for ${fields}`, read.errors);
  }
  return { filter: read.filter, maxPrice: read.maxPrice };
}

/**
 * The directory's query, kept as far as it goes: the filter without the fields at fault, what the
 * visitor typed in the euro field (as typed, even when wrong) and the fields at fault. The page
 * shows the message beside the form instead of throwing the visitor's choices away.
 */
export function readDirectoryQuery(query: Record<string, string[]>): { filter: CatalogFilter; maxPrice: string; errors: FieldError[] } {
  const input: Record<string, string | string[]> = {};
  for (const [key, values] of Object.entries(query)) {
    const given = values.filter((v) => v.trim() !== "");
    const first = given[0];
    if (first === undefined) continue;
    input[key] = REPEATABLE.has(key) ? given : first;
  }
  const { max_price: maxPriceRaw, ...rest } = input;
  const maxPrice = typeof maxPriceRaw === "string" ? maxPriceRaw : "";
  const euros = pageOnlySchema.safeParse({ max_price: maxPriceRaw });
  if (euros.success && euros.data.max_price !== undefined) rest.max_monthly_cents = String(euros.data.max_price);
  const parsed = catalogFilterSchema.safeParse(rest);
  // "service.0" names the first service value: the field is what the visitor can fix.
  const errors = [...(euros.success ? [] : fieldErrors(euros.error)), ...(parsed.success ? [] : fieldErrors(parsed.error))].map((e) => ({
    ...e,
    field: e.field.split(".")[0] ?? e.field,
  }));
  let filter: CatalogFilter;
  if (parsed.success) filter = parsed.data;
  else {
    // Drop the fields at fault and keep the rest; a cross-field refusal drops everything.
    const bad = new Set(errors.map((e) => e.field));
    const kept = Object.fromEntries(Object.entries(rest).filter(([k]) => !bad.has(k)));
    const again = catalogFilterSchema.safeParse(kept);
    filter = again.success ? again.data : catalogFilterSchema.parse({});
  }
  // Shown back in the euro field when the query came with cents (a link from the API docs, say).
  const shown = maxPrice || (filter.max_monthly_cents !== undefined ? centsToEuros(filter.max_monthly_cents) : "");
  return { filter, maxPrice: shown, errors };
}

const centsToEuros = (cents: number) => (cents % 100 === 0 ? String(cents / 100) : `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, "0")}`);

/** `offers=a,b&offers=c` → distinct ids, in order. */
export function splitIds(values: string[] | undefined): string[] {
  return [...new Set((values ?? []).flatMap((v) => v.split(",")).map((s) => s.trim()).filter(Boolean))];
}

/** The comparison basket on pages other than /compare: lenient, anything odd is dropped. */
const basketIds = (c: Context<AppEnv>) => splitIds(c.req.queries("offers")).filter((id) => /^[\w-]{1,64}$/.test(id)).slice(0, MAX_COMPARE);
