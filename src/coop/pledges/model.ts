// A pledge as the domain sees it: who pledges, in which roles, for what. One zod schema serves the
// API's body and the page's form (after src/coop/pledges/form.ts turns the form into this shape), so
// a field is refused by the same rule and under the same name in both. Pure.
import { z } from "zod";
import { emailSchema } from "../../accounts/email";
import { SERVICE_KINDS } from "../../catalog/model";
import { LANGS } from "../../lib/lang";

export const PLEDGE_ROLES = ["client", "supporter", "volunteer"] as const;
export type PledgeRole = (typeof PLEDGE_ROLES)[number];

/** pending: waits for its mail link; confirmed: counts; replaced: a later pledge of the same address took its place. */
export const PLEDGE_STATUSES = ["pending", "confirmed", "replaced"] as const;
export type PledgeStatus = (typeof PLEDGE_STATUSES)[number];

/** The service kinds a client may pledge for: the catalogue's, less the catch-all. */
export type PledgeService = Exclude<(typeof SERVICE_KINDS)[number], "other">;
export const PLEDGE_SERVICES: readonly PledgeService[] = SERVICE_KINDS.filter((k): k is PledgeService => k !== "other");

// Sane maxima: a small association's whole hosting is a few hundred euros a month; a supporter's
// capital is capped by the share classes later (default €5,000 a person), an organisation may put more.
export const MAX_MONTHLY_CENTS = 1_000_000; // €10,000 a month
export const MAX_CAPITAL_CENTS = 10_000_000; // €100,000
export const MAX_QUANTITY = 10_000;

const cents = (max: number) => z.number().int().min(0).max(max);

export const pledgeServiceSchema = z.object({
  service: z.enum(PLEDGE_SERVICES as [PledgeService, ...PledgeService[]]),
  quantity: z.number().int().min(1).max(MAX_QUANTITY),
});
export type PledgedService = z.infer<typeof pledgeServiceSchema>;

const text = (max: number) => z.string().trim().max(max);

/** Why a roles/fields combination is refused (the message of the field named). */
export const ROLE_MESSAGES = {
  client_needs: "a client pledge says which services or what monthly amount",
  supporter_needs: "a supporter pledge says what capital",
  not_client: "services and a monthly amount belong to a client pledge",
  not_supporter: "capital belongs to a supporter pledge",
  duplicate_service: "each service once",
} as const;

export const pledgeInputSchema = z
  .object({
    name: text(200).min(1),
    email: emailSchema,
    organisation: text(200).optional().transform((v) => v || undefined),
    roles: z.array(z.enum(PLEDGE_ROLES)).min(1).max(3),
    services: z.array(pledgeServiceSchema).max(PLEDGE_SERVICES.length).optional(),
    monthly_cents: cents(MAX_MONTHLY_CENTS).optional(),
    capital_cents: cents(MAX_CAPITAL_CENTS).optional(),
    skills: text(2000).optional().transform((v) => v || undefined),
    language: z.enum(LANGS).optional(),
  })
  .superRefine((p, ctx) => {
    const client = p.roles.includes("client");
    const supporter = p.roles.includes("supporter");
    const services = p.services ?? [];
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (client && !services.length && !p.monthly_cents) issue("monthly_cents", ROLE_MESSAGES.client_needs);
    if (supporter && !p.capital_cents) issue("capital_cents", ROLE_MESSAGES.supporter_needs);
    // Amounts given under a role not chosen would be counted for nobody: say so rather than drop them.
    if (!client && (services.length || p.monthly_cents)) issue(services.length ? "services" : "monthly_cents", ROLE_MESSAGES.not_client);
    if (!supporter && p.capital_cents) issue("capital_cents", ROLE_MESSAGES.not_supporter);
    const seen = new Set<string>();
    services.forEach((s, i) => {
      if (seen.has(s.service)) ctx.addIssue({ code: "custom", path: ["services", i, "service"], message: ROLE_MESSAGES.duplicate_service });
      seen.add(s.service);
    });
  });

export type PledgeInput = z.output<typeof pledgeInputSchema>;

/** A pledge as stored, as the pure computations read it. */
export interface PledgeFacts {
  organisation: string | null;
  email: string;
  monthlyCents: number;
  capitalCents: number;
  services: PledgedService[];
  /** When it began to count (ISO), and when a later pledge of the same address replaced it. */
  confirmedAt: string;
  replacedAt: string | null;
}
