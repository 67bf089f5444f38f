// Quotas as label/value pairs: storage in gigabytes through Intl units, the rest as counts.
import type { Quotas } from "../../src/catalog/model";
import type { Lang, MessageKey, T } from "../i18n";
import { formatNumber } from "./format";

export const QUOTA_KEYS = ["storage_gb", "mailboxes", "aliases", "lists", "subscribers", "domains"] as const satisfies readonly (keyof Quotas)[];
export type QuotaKey = (typeof QUOTA_KEYS)[number];

export const quotaLabel = (t: T, key: QuotaKey) => t(`quota.${key}` as MessageKey);

export function quotaValue(lang: Lang, key: QuotaKey, value: number): string {
  return key === "storage_gb" ? formatNumber(value, lang, { style: "unit", unit: "gigabyte" }) : formatNumber(value, lang);
}

/** The quotas an offer states, in a fixed order. */
export function statedQuotas(q: Partial<Quotas> | null | undefined): [QuotaKey, number][] {
  return QUOTA_KEYS.flatMap((k) => (typeof q?.[k] === "number" ? [[k, q[k]] as [QuotaKey, number]] : []));
}
