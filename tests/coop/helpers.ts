// Billing fixtures: the cooperative with its billing identity, member organisations with a full
// profile, a coop_admin's key with billing:write, written straight to the test's D1.
import { env } from "cloudflare:test";
import { apiKey, grantRole, makeOrg } from "../helpers/people";

export const COOP_ADMIN = "coop-admin@billing.test";

/** The cooperative organisation and its billing settings (once per test file: its storage is its own). */
export async function coop(vatStatus: "registered" | "franchise" = "registered"): Promise<string> {
  const existing = await env.DB.prepare("select id from organisations where kind = 'cooperative'").first<{ id: string }>();
  if (existing) return existing.id;
  const id = await makeOrg({ kind: "cooperative", name: "Coopérative Hébergement Solidaire", members: [] });
  await env.DB.prepare("update organisations set legal_name = ?, company_number = ?, street = ?, postcode = ?, city = ?, country_code = 'BE' where id = ?")
    .bind("Coopérative Hébergement Solidaire SC", "BE0417497106", "Rue de la Loi 16", "1000", "Bruxelles", id)
    .run();
  await env.DB.prepare("insert into billing_issuers (org_id, vat_status, iban, bic, payment_terms_days, language) values (?, ?, 'BE68539007547034', 'GKCCBEBB', 30, 'fr')").bind(id, vatStatus).run();
  return id;
}

/** A member organisation with the profile an invoice needs. */
export async function customer(opts: { owner?: string; admin?: string; member?: string; language?: "fr" | "nl" | "en"; country?: string; companyNumber?: string | null; contactEmail?: string; complete?: boolean } = {}): Promise<string> {
  const members = [
    ...(opts.owner ? [{ email: opts.owner, role: "owner" as const }] : []),
    ...(opts.admin ? [{ email: opts.admin, role: "admin" as const }] : []),
    ...(opts.member ? [{ email: opts.member, role: "member" as const }] : []),
  ];
  const id = await makeOrg({ kind: "member", name: "Les Amis du Parc", members });
  if (opts.complete !== false) {
    await env.DB.prepare("update organisations set legal_name = ?, company_number = ?, street = ?, postcode = ?, city = ?, country_code = ?, language = ?, contact_email = ? where id = ?")
      .bind("Les Amis du Parc asbl", opts.companyNumber === undefined ? "BE0403170701" : opts.companyNumber, "Rue Haute 5", "1000", "Bruxelles", opts.country ?? "BE", opts.language ?? "fr", opts.contactEmail ?? null, id)
      .run();
  }
  return id;
}

export async function coopAdminKey(scopes: ("billing:write" | "audit:read")[] = ["billing:write"]): Promise<string> {
  await grantRole(COOP_ADMIN, "coop_admin");
  return apiKey({ email: COOP_ADMIN, scopes });
}
