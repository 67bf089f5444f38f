// Saved needs and shortlists (src/matching/saved): what a member organisation keeps from the wizard.
import { index, integer, real, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { MatchRequest } from "../../matching/needs";
import { users } from "./auth";
import { timestamps } from "./columns";
import { organisations } from "./orgs";

/** A member organisation's needs, saved from the results page so they can be opened again. */
export const savedNeeds = sqliteTable(
  "saved_needs",
  {
    id: text("id").primaryKey(), // ned_…
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** The wizard's flat GET query as submitted (without `lang`): "open again" is /match/results?{query}. */
    query: text("query").notNull(),
    /** The validated MatchRequest the query stood for when it was saved. */
    request: text("request", { mode: "json" }).$type<MatchRequest>().notNull(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    ...timestamps,
  },
  (t) => [index("saved_needs_org_idx").on(t.orgId, t.createdAt)],
);

/** One offer of a shortlisted bundle, as the member saw it; `offer_version` links to offer_versions. */
export interface ShortlistOffer {
  offer_id: string;
  provider_id: string;
  offer_name: string;
  provider_name: string;
  /** Indexes into the request's needs. */
  needs: number[];
  monthly_cents: number;
  /** The offer's `offers.version` when shortlisted (0: no recorded version). */
  offer_version: number;
}

/** A bundle a member organisation kept for later, with the prices computed by the server then. */
export const shortlistItems = sqliteTable(
  "shortlist_items",
  {
    id: text("id").primaryKey(), // sht_…
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    /** The saved needs with the same query, when there were some. */
    savedNeedsId: text("saved_needs_id").references(() => savedNeeds.id, { onDelete: "set null" }),
    items: text("items", { mode: "json" }).$type<ShortlistOffer[]>().notNull(),
    monthlyCents: integer("monthly_cents").notNull(),
    yearlyCents: integer("yearly_cents").notNull(),
    providers: integer("providers").notNull(),
    score: real("score").notNull(),
    query: text("query").notNull(),
    note: text("note").notNull().default(""),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamps.createdAt,
  },
  (t) => [index("shortlist_items_org_idx").on(t.orgId, t.createdAt)],
);

export type SavedNeedsRow = typeof savedNeeds.$inferSelect;
export type ShortlistItemRow = typeof shortlistItems.$inferSelect;
