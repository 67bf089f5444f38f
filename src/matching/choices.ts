// Which hosting countries and support languages the wizard offers: the usual ones for Cassiopea's
// members, then every other one the public catalogue actually has, so that no provider's country or
// language is out of reach of the form.
import { and, eq, sql } from "drizzle-orm";
import { isPublic } from "../catalog/repository";
import type { Db } from "../db/client";
import { offers, providers } from "../db/schema";
import { COUNTRY_CHOICES, LANGUAGE_CHOICES } from "./form";

export interface WizardChoices {
  countries: string[];
  languages: string[];
}

/** The usual codes first, in their order, then the catalogue's others sorted; only codes the form accepts. */
export function wizardChoices(found: { countries: readonly string[]; languages: readonly string[] }): WizardChoices {
  const merge = (usual: readonly string[], more: readonly string[], valid: RegExp) => [
    ...usual,
    ...[...new Set(more)].filter((x) => valid.test(x) && !usual.includes(x)).sort(),
  ];
  return {
    countries: merge(COUNTRY_CHOICES, found.countries, /^[A-Z]{2}$/),
    languages: merge(LANGUAGE_CHOICES, found.languages, /^[a-z]{2}$/),
  };
}

/** Countries where published offers of public providers are hosted, and the languages those providers support. */
export async function loadWizardChoices(db: Db): Promise<WizardChoices> {
  const publicOffers = and(eq(offers.status, "published"), isPublic);
  const [hosts, seats] = await db.batch([
    db
      .selectDistinct({ country: sql<string | null>`coalesce(${offers.hostingCountry}, ${providers.countryCode})` })
      .from(offers)
      .innerJoin(providers, eq(providers.id, offers.providerId))
      .where(publicOffers),
    db
      .selectDistinct({ languages: providers.languages })
      .from(providers)
      .innerJoin(offers, eq(providers.id, offers.providerId))
      .where(publicOffers),
  ]);
  return wizardChoices({
    countries: hosts.flatMap((h) => (h.country ? [h.country.toUpperCase()] : [])),
    languages: seats.flatMap((s) => s.languages.map((l) => l.toLowerCase())),
  });
}
