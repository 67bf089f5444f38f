// Types of scripts/seed-demo.mjs for the TypeScript tests that import it.
type OrgIds = Record<string, string>;
export declare function seedDemo(baseUrl: string, token?: string): Promise<{ providers: number; offers: number; members: number; orgIds: OrgIds }>;
export declare function demoCapacitiesSql(demo?: unknown): string;
export declare function demoProfilesSql(demo?: unknown): string;
export declare function cooperativeProviderSql(demo?: unknown): string;
export declare function seedSubscriptions(baseUrl: string, token: string, orgIds: OrgIds, demo?: unknown): Promise<{ subscriptions: number }>;
export declare function seedBilling(baseUrl: string, token: string, orgIds: OrgIds, demo?: unknown): Promise<{ invoices: number }>;
export declare function demoPledgesSql(now?: Date, demo?: unknown): string;
export declare function seedPledgeSettings(baseUrl: string, token: string, demo?: unknown): Promise<{ pledges: number }>;
/** A camt.053.001.02 statement with one credit line paying `ogm` (structured) `cents` today. */
export declare function camtPaying(ogm: string, cents: number, iban: string, ref: string): string;
export declare function seedShares(baseUrl: string, token: string, orgIds: OrgIds, demo?: unknown): Promise<{ requests: number }>;
