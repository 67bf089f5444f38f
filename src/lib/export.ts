// The member export (GET /api/v1/me/export) is assembled from parts: each feature contributes what
// it stores about an organisation from its own folder (e.g. src/catalog/manage/export.ts), and
// src/accounts/orgs/export.parts.ts lists them. A new feature adds a part, not a query in accounts.
import type { OrgKind } from "../accounts/roles";
import type { Db } from "../db/client";
import type { OrganisationRow } from "../db/schema";

export type Json = Record<string, unknown>;

export interface ExportPart {
  /** Who wrote it, for the reader of the code (`catalog/manage`, `matching/saved`…). */
  feature: string;
  /** The organisations it applies to (a shortlist only exists for members). */
  kinds: readonly OrgKind[];
  /** The part's keys, merged into the organisation's object in the order of the parts list. */
  build(db: Db, org: OrganisationRow): Promise<Json>;
}

const snake = (key: string) => key.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`);

/** A row with snake_case keys, as the rest of the API speaks. */
export function snakeRow(row: object, omit: readonly string[] = []): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(row)) if (!omit.includes(k)) out[snake(k)] = v instanceof Date ? v.toISOString() : v;
  return out;
}
