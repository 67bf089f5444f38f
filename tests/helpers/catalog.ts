// Builds catalogue rows through the real import service (no hand-made SQL), one provider at a time.
import { env } from "cloudflare:test";
import { createDb } from "../../src/db/client";
import { saveImport } from "../../src/catalog/import.service";
import { offerInputSchema, providerInputSchema, type OfferInput, type ProviderInput } from "../../src/catalog/model";

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? (T[K] extends unknown[] ? T[K] : DeepPartial<T[K]>) : T[K] };

export interface SeedProvider {
  key?: string;
  provider: Partial<ProviderInput> & { name: string };
  offers?: (DeepPartial<OfferInput> & { service: string; name: string })[];
}

export function offerInput(o: DeepPartial<OfferInput> & { service: string; name: string }): OfferInput {
  return offerInputSchema.parse({ key: o.key ?? o.name.toLowerCase().replace(/[^a-z0-9]+/g, "-"), ...o });
}

export async function seed(...items: SeedProvider[]) {
  const db = createDb(env.DB);
  const results = [];
  for (const item of items) {
    results.push(
      await saveImport(
        db,
        {
          key: item.key ?? item.provider.name.toLowerCase().replace(/[^a-z0-9]+/g, "-"),
          provider: providerInputSchema.parse(item.provider),
          offers: (item.offers ?? []).map(offerInput),
          warnings: [],
        },
        { format: "chatonsinfos" },
      ),
    );
  }
  return results;
}
