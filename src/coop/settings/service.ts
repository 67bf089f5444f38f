// Reads and saves the cooperative's billing identity: its organisation row (name, address, enterprise
// number) and its billing settings, in one batch with the audit record. The cooperative
// organisation is created on the first save when there is none.
import { eq } from "drizzle-orm";
import { auditInsert } from "../../accounts/audit";
import { billingIssuers, organisations } from "../../db/schema";
import type { ServiceContext } from "../../lib/context";
import { newId } from "../../lib/ids";
import { findIssuer } from "../invoices/repository";
import type { IssuerInput, IssuerValues } from "./issuer";

export async function issuerValues(ctx: ServiceContext): Promise<{ values: IssuerValues; orgId: string | null; set: boolean }> {
  const found = await findIssuer(ctx.db);
  const o = found?.org;
  const s = found?.settings;
  return {
    orgId: o?.id ?? null,
    set: !!s,
    values: {
      legal_name: o?.legalName ?? o?.name ?? "",
      enterprise_number: o?.companyNumber ?? "",
      street: o?.street ?? "",
      postcode: o?.postcode ?? "",
      city: o?.city ?? "",
      country_code: o?.countryCode ?? "BE",
      vat_status: s?.vatStatus ?? "",
      iban: s?.iban ?? "",
      bic: s?.bic ?? "",
      payment_terms_days: String(s?.paymentTermsDays ?? 30),
      language: s?.language ?? "fr",
      email: s?.email ?? o?.contactEmail ?? "",
    },
  };
}

export async function saveIssuer(ctx: ServiceContext, input: IssuerInput): Promise<string> {
  const found = await findIssuer(ctx.db);
  const orgId = found?.org.id ?? newId("org");
  const now = ctx.now().toISOString();
  const who = ctx.actor.kind === "user" || ctx.actor.kind === "key" ? ctx.actor.userId : null;
  const identity = { legalName: input.legalName, companyNumber: input.companyNumber, street: input.street, postcode: input.postcode, city: input.city, countryCode: input.countryCode, language: input.language, updatedAt: now };
  const settings = { vatStatus: input.vatStatus, iban: input.iban, bic: input.bic, paymentTermsDays: input.paymentTermsDays, language: input.language, email: input.email, updatedBy: who, updatedAt: now };
  await ctx.db.batch([
    found
      ? ctx.db.update(organisations).set(identity).where(eq(organisations.id, orgId))
      : ctx.db.insert(organisations).values({ id: orgId, kind: "cooperative", name: input.legalName, createdBy: who, ...identity }),
    ctx.db.insert(billingIssuers).values({ orgId, ...settings }).onConflictDoUpdate({ target: billingIssuers.orgId, set: settings }),
    auditInsert(ctx, { action: "billing.issuer.save", subjectType: "organisation", subjectId: orgId, orgId, detail: { vat_status: input.vatStatus, iban: input.iban } }),
  ]);
  return orgId;
}
