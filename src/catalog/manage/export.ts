// A provider organisation's catalogue profile, offers, pending changes and claims in the member export.
import { asc, eq, inArray } from "drizzle-orm";
import { offers, pendingChanges, providerClaims, providers } from "../../db/schema";
import { snakeRow, type ExportPart } from "../../lib/export";

export const manageExport: ExportPart = {
  feature: "catalog/manage",
  kinds: ["provider"],
  async build(db, org) {
    const providerId = org.providerId;
    const [profile, offerRows, changes, claims] = await db.batch([
      db.select().from(providers).where(inArray(providers.id, providerId ? [providerId] : [])),
      db.select().from(offers).where(inArray(offers.providerId, providerId ? [providerId] : [])).orderBy(asc(offers.name), asc(offers.id)),
      db.select().from(pendingChanges).where(eq(pendingChanges.orgId, org.id)).orderBy(asc(pendingChanges.createdAt)),
      db.select().from(providerClaims).where(eq(providerClaims.orgId, org.id)).orderBy(asc(providerClaims.createdAt)),
    ]);
    return {
      provider: profile[0] ? snakeRow(profile[0]) : null,
      offers: offerRows.map((o) => snakeRow(o)),
      pending_changes: changes.map((ch) => snakeRow(ch)),
      provider_claims: claims.map((cl) => snakeRow(cl)),
    };
  },
};
