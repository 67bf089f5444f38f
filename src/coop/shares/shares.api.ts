// The cooperative's shares by API: classes, requests and the board's decisions, redemptions and
// the register (coop_admins, session or their key with `billing:write`); a request by its holder
// (a member organisation's owners/admins, or a signed-in person for themselves); a holder's own
// entries. Thin: parse, call ./service.ts, shape with ./dto.ts.
import { createRoute, z } from "@hono/zod-openapi";
import { createMiddleware } from "hono/factory";
import { allow } from "../../accounts/guard";
import { principal } from "../../accounts/principal";
import type { AppEnv } from "../../env";
import { isCalendarDay } from "../../lib/days";
import { access, createRouter, problems } from "../../lib/openapi";
import { AppError } from "../../lib/problem";
import { classDto, classSchema, entryDto, entrySchema, holderDto, holderSchema, registerCsv, requestDto, requestSchema } from "./dto";
import { CONSENTS } from "./model";
import { runningTotals } from "./register";
import { findHolder, listClasses, listHolders, listRequests, registerEntries } from "./repository";
import { approveRequest, createClass, patchClass, redeem, refuseRequest, requestShares } from "./service";
import { transferShares } from "./transfer";
import { openCallCheckout } from "./pay";
import { requestHolder } from "./holder-resource";

const ACCESS = "Access: coop_admin (session, or a coop_admin's personal API key with `billing:write`).";
const day = z.string().refine(isCalendarDay, "a date, YYYY-MM-DD");
const idParam = (example: string) => z.object({ id: z.string().min(1).max(64).openapi({ param: { name: "id", in: "path" }, example }) });
const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { "application/json": { schema } } });
const body = <T extends z.ZodType>(schema: T) => ({ body: { content: { "application/json": { schema } }, required: true } });
const errors = { 400: problems[400], 401: problems[401], 403: problems[403], 404: problems[404], 409: problems[409] };
const manage = allow("shares.manage");
/** A person with their session; a key only as a coop_admin's (who requests for a member organisation, e.g. the demo). */
const requester = createMiddleware<AppEnv>(async (c, next) => allow((await principal(c)).kind === "key" ? "shares.manage" : "account.use")(c, next));

const classInput = z
  .object({
    code: z.string().trim().min(1).max(4),
    name: z.string().trim().min(1).max(200),
    nominal_cents: z.number().int().min(1).max(100_000_000),
    min_shares: z.number().int().min(1).max(1_000_000).optional(),
    max_shares: z.number().int().min(1).max(1_000_000).nullish().openapi({ description: "Per holder; default: what €5,000 of nominal value buys" }),
    required_for_users: z.boolean().optional(),
  })
  .openapi("ShareClassInput");
const classPatch = classInput.omit({ code: true }).partial().openapi("ShareClassPatch");

const personInput = z.object({
  name: z.string().trim().min(1).max(200),
  street: z.string().trim().min(1).max(200),
  postcode: z.string().trim().min(1).max(20),
  city: z.string().trim().min(1).max(100),
  country_code: z.string().trim().length(2),
});
const requestInput = z
  .object({
    class: z.string().trim().min(1).max(4),
    shares: z.number().int().min(1).max(1_000_000),
    holder: z
      .object({ organisation_id: z.string().min(1).max(64).optional(), person: personInput.optional() })
      .refine((h) => !!h.organisation_id !== !!h.person, { message: "either organisation_id or person, not both" })
      .openapi({ description: "An organisation you own or administer (its profile gives the registered office and enterprise number), or yourself with your domicile" }),
    consents: z.object(Object.fromEntries(CONSENTS.map((c) => [c, z.boolean().optional()])) as Record<(typeof CONSENTS)[number], z.ZodOptional<z.ZodBoolean>>).openapi({ description: "statutes, internal_rules, data_policy, financial_risk: all four must be true" }),
  })
  .openapi("ShareRequestInput");

const transferInput = z
  .object({
    to_holder_id: z.string().min(1).max(64).optional().openapi({ description: "A holder already in the register" }),
    to_organisation_id: z.string().min(1).max(64).optional().openapi({ description: "Or a member organisation (its profile gives the registered office)" }),
    to_person: z
      .object({ email: z.string().trim().min(3).max(254), name: z.string().trim().max(200).optional(), street: z.string().trim().max(200).optional(), postcode: z.string().trim().max(20).optional(), city: z.string().trim().max(100).optional(), country_code: z.string().trim().max(2).optional() })
      .optional().openapi({ description: "Or a person with a Chatière account (by its address), with their name and domicile when they enter the register now (400 naming `to_person.<field>` when missing)" }),
    class_id: z.string().min(1).max(64),
    shares: z.number().int().min(1).max(1_000_000),
    approved_on: day.openapi({ description: "The board's approval of the transfer, today or earlier: the date the register records" }),
    note: z.string().trim().max(500).optional(),
  })
  .refine((b) => [b.to_holder_id, b.to_organisation_id, b.to_person].filter((x) => x !== undefined).length === 1, { message: "exactly one of to_holder_id, to_organisation_id, to_person", path: ["to_holder_id"] })
  .openapi("ShareTransferInput");

const registerQuery = z.object({ format: z.enum(["json", "csv"]).optional() });
const registerSchema = z.object({ entries: z.array(entrySchema), holders: z.array(holderSchema) }).openapi("ShareRegister");

const routes = {
  listClasses: createRoute({ method: "get", path: "/coop/share-classes", tags: ["Shares"], summary: "Share classes", description: ACCESS, security: access.coopAdmin, middleware: [manage] as const, responses: { 200: json(z.object({ items: z.array(classSchema) }), "The classes"), ...errors } }),
  createClass: createRoute({
    method: "post", path: "/coop/share-classes", tags: ["Shares"], summary: "Open a share class",
    description: `${ACCESS} Code unique (409), nominal value in cents, minimum and maximum per holder (default maximum: €5,000 of nominal value).`,
    security: access.coopAdmin, middleware: [manage] as const, request: body(classInput), responses: { 201: json(classSchema, "The class"), ...errors },
  }),
  patchClass: createRoute({
    method: "patch", path: "/coop/share-classes/{id}", tags: ["Shares"], summary: "Change a share class",
    description: `${ACCESS} The nominal value is fixed once shares of the class were requested (409).`,
    security: access.coopAdmin, middleware: [manage] as const, request: { params: idParam("scl_0123456789abcdef"), ...body(classPatch) }, responses: { 200: json(classSchema, "The class"), ...errors },
  }),
  request: createRoute({
    method: "post", path: "/coop/share-requests", tags: ["Shares"], summary: "Request shares",
    description: "Access: signed-in people (session), for themselves or for a member organisation they own or administer (403 otherwise); coop_admins (session, or their key with `billing:write`) for any member organisation. Every consent must be true (400 naming `consents.<name>`); the class's limits count what the holder holds and has requested (400 on `shares`).",
    security: access.coopAdmin, middleware: [requester] as const, request: body(requestInput), responses: { 201: json(requestSchema, "The pending request"), ...errors },
  }),
  listRequests: createRoute({
    method: "get", path: "/coop/share-requests", tags: ["Shares"], summary: "Share requests, newest first", description: ACCESS,
    security: access.coopAdmin, middleware: [manage] as const, request: { query: z.object({ status: z.enum(["pending", "approved", "refused"]).optional() }) },
    responses: { 200: json(z.object({ items: z.array(requestSchema) }), "The requests"), ...errors },
  }),
  approve: createRoute({
    method: "post", path: "/coop/share-requests/{id}/approve", tags: ["Shares"], summary: "The board approves: a capital call is issued",
    description: `${ACCESS} In one batch: the request approved with the board's decision date, and its capital call (billing document type \`share_call\`, series \`AP<year>\`, out of VAT scope, payable by OGM/EPC QR or Stripe like an invoice) numbered and issued, with a mail to the requester. A request is decided once (409). The shares enter the register when the call is paid in full.`,
    security: access.coopAdmin, middleware: [manage] as const, request: { params: idParam("srq_0123456789abcdef"), ...body(z.object({ decided_on: day })) },
    responses: { 200: json(requestSchema, "The approved request and its capital call"), ...errors },
  }),
  checkout: createRoute({
    method: "post", path: "/coop/share-requests/{id}/checkout", tags: ["Shares"], summary: "Pay a person's capital call by card, Bancontact or SEPA Direct Debit (Stripe Checkout)",
    description: "Access: signed-in people (session, never a key): the person who holds the request, and coop_admins; anybody else gets 404, as for an unknown request. Opens a Stripe Checkout Session for exactly what the call still asks, for the person's address (`customer_email`: no Stripe customer, nothing saved for later), back to `/account/shares`; paid, its shares enter the register. The same call and amount give the same session (Idempotency-Key). Not approved yet or refused, already paid or credited, or held by an organisation (which pays from its billing page): 409 naming `request_id`. Stripe not configured: 503 (pay by transfer with the structured communication); Stripe failing: 502.",
    security: access.session, middleware: [allow("shares.pay", requestHolder, { hidden: true })] as const, request: { params: idParam("srq_0123456789abcdef") },
    responses: { 200: json(z.object({ url: z.url().openapi({ description: "Stripe's hosted payment page" }) }).openapi("CapitalCallCheckout"), "Where to send the payer"), ...errors, 502: problems[502], 503: problems[503] },
  }),
  refuse: createRoute({
    method: "post", path: "/coop/share-requests/{id}/refuse", tags: ["Shares"], summary: "The board refuses, with a reason",
    description: `${ACCESS} No document, no register entry; a mail to the requester with the reason. A request is decided once (409).`,
    security: access.coopAdmin, middleware: [manage] as const, request: { params: idParam("srq_0123456789abcdef"), ...body(z.object({ reason: z.string().trim().min(1).max(2000) })) },
    responses: { 200: json(requestSchema, "The refused request"), ...errors },
  }),
  redeem: createRoute({
    method: "post", path: "/coop/shareholders/{id}/redemptions", tags: ["Shares"], summary: "Redeem shares on resignation",
    description: `${ACCESS} A \`redemption\` entry: the shares leave the holder, paid back at most the nominal value it paid in on them (and at most \`book_value_cents\` a share when given). A partial redemption may not leave fewer than the class's minimum (400 on \`shares\`).`,
    security: access.coopAdmin, middleware: [manage] as const,
    request: { params: idParam("shh_0123456789abcdef"), ...body(z.object({ class: z.string().trim().min(1).max(4), shares: z.number().int().min(1).max(1_000_000), on: day, book_value_cents: z.number().int().min(0).optional() })) },
    responses: { 201: json(z.object({ entry: entrySchema, amount_cents: z.number().int() }).openapi("Redemption"), "The register entry"), ...errors },
  }),
  transfer: createRoute({
    method: "post", path: "/coop/shareholders/{id}/transfers", tags: ["Shares"], summary: "Record a transfer of shares to another holder",
    description: `${ACCESS} The board approved that holder \`{id}\` transfers \`shares\` of a class to another holder (one in the register, a member organisation, or a person with an account): two \`transfer\` entries in one batch, out of one and into the other, each naming the other and moving the paid-in part of the shares; the capital and the class's total are unchanged. 400 naming the field when the giver holds fewer, keeps fewer than the class's minimum (or none while it must hold one), the receiver would pass the class's maximum, or both are the same holder; 409 when the giver's shares changed meanwhile.`,
    security: access.coopAdmin, middleware: [manage] as const, request: { params: idParam("shh_0123456789abcdef"), ...body(transferInput) },
    responses: { 201: json(z.object({ out: entrySchema, in: entrySchema, to: holderSchema }).openapi("ShareTransfer"), "The two register entries and the receiving holder"), ...errors },
  }),
  register: createRoute({
    method: "get", path: "/coop/register", tags: ["Shares"], summary: "The share register (JSON or CSV)",
    description: `${ACCESS} Every entry in register order with running totals (shares of its class, subscribed and paid-in capital), and every holder with its domicile or registered office. \`?format=csv\` for a spreadsheet.`,
    security: access.coopAdmin, middleware: [manage] as const, request: { query: registerQuery },
    responses: { 200: { description: "The register", content: { "application/json": { schema: registerSchema }, "text/csv": { schema: { type: "string" } } } }, ...errors },
  }),
  holderRegister: createRoute({
    method: "get", path: "/coop/shareholders/{id}/register", tags: ["Shares"], summary: "One holder's entries",
    description: "Access: signed-in holders (a person for themselves; an organisation's owners and admins), and coop_admins (session, or their key with `billing:write`).",
    security: access.coopAdmin,
    middleware: [allow("shares.read", async (c) => { const h = await findHolder(c.var.db, c.req.param("id") ?? ""); return h ? (h.orgId ? { orgId: h.orgId } : { userId: h.userId! }) : {}; })] as const,
    request: { params: idParam("shh_0123456789abcdef") },
    responses: { 200: json(z.object({ holder: holderSchema, entries: z.array(entrySchema) }), "The holder's entries"), ...errors },
  }),
};

async function requestView(c: { var: { db: Parameters<typeof listRequests>[0] } }, id: string) {
  const all = await listRequests(c.var.db, { limit: 1000 });
  const v = all.find((r) => r.request.id === id);
  if (!v) throw new AppError("NOT_FOUND", `No share request ${id}`);
  return requestDto(v);
}

export const sharesApi = createRouter()
  .openapi(routes.listClasses, async (c) => c.json({ items: (await listClasses(c.var.db)).map(classDto) }, 200))
  .openapi(routes.createClass, async (c) => {
    const b = c.req.valid("json");
    const row = await createClass(c.var.ctx, { code: b.code, name: b.name, nominalCents: b.nominal_cents, minShares: b.min_shares, maxShares: b.max_shares, requiredForUsers: b.required_for_users });
    return c.json(classDto(row), 201);
  })
  .openapi(routes.patchClass, async (c) => {
    const b = c.req.valid("json");
    const row = await patchClass(c.var.ctx, c.req.valid("param").id, { name: b.name, nominalCents: b.nominal_cents, minShares: b.min_shares, maxShares: b.max_shares, requiredForUsers: b.required_for_users });
    return c.json(classDto(row), 200);
  })
  .openapi(routes.request, async (c) => {
    const b = c.req.valid("json");
    const p = b.holder.person;
    const row = await requestShares(c.var.ctx, {
      classCode: b.class,
      shares: b.shares,
      holder: p ? { person: { name: p.name, street: p.street, postcode: p.postcode, city: p.city, countryCode: p.country_code } } : { orgId: b.holder.organisation_id! },
      consents: b.consents,
    });
    return c.json(await requestView(c, row.id), 201);
  })
  .openapi(routes.listRequests, async (c) => c.json({ items: (await listRequests(c.var.db, { status: c.req.valid("query").status })).map(requestDto) }, 200))
  .openapi(routes.approve, async (c) => {
    const id = c.req.valid("param").id;
    await approveRequest(c.var.ctx, id, c.req.valid("json").decided_on);
    return c.json(await requestView(c, id), 200);
  })
  .openapi(routes.checkout, async (c) => {
    const session = await openCallCheckout(c.var.ctx, c.req.valid("param").id, { origin: new URL(c.req.url).origin, lang: c.var.lang });
    return c.json({ url: session.url }, 200);
  })
  .openapi(routes.refuse, async (c) => {
    const id = c.req.valid("param").id;
    await refuseRequest(c.var.ctx, id, c.req.valid("json").reason);
    return c.json(await requestView(c, id), 200);
  })
  .openapi(routes.redeem, async (c) => {
    const b = c.req.valid("json");
    const r = await redeem(c.var.ctx, c.req.valid("param").id, { classCode: b.class, shares: b.shares, on: b.on, bookValueCents: b.book_value_cents });
    const classes = await listClasses(c.var.db);
    const running = runningTotals(await registerEntries(c.var.db), classes).find((x) => x.entry.id === r.entry.id)!;
    return c.json({ entry: entryDto(running), amount_cents: r.amountCents }, 201);
  })
  .openapi(routes.transfer, async (c) => {
    const b = c.req.valid("json");
    const p = b.to_person;
    const to = b.to_holder_id ? { holderId: b.to_holder_id } : b.to_organisation_id ? { orgId: b.to_organisation_id } : { person: { email: p!.email, name: p!.name ?? "", street: p!.street ?? "", postcode: p!.postcode ?? "", city: p!.city ?? "", countryCode: p!.country_code ?? "" } };
    const r = await transferShares(c.var.ctx, c.req.valid("param").id, { to, classId: b.class_id, shares: b.shares, approvedOn: b.approved_on, note: b.note });
    const running = runningTotals(await registerEntries(c.var.db), await listClasses(c.var.db));
    const at = (id: string) => entryDto(running.find((x) => x.entry.id === id)!);
    return c.json({ out: at(r.out.id), in: at(r.in.id), to: holderDto(r.to) }, 201);
  })
  .openapi(routes.register, async (c) => {
    const [entries, classes, holders] = await Promise.all([registerEntries(c.var.db), listClasses(c.var.db), listHolders(c.var.db)]);
    const running = runningTotals(entries, classes);
    if (c.req.valid("query").format === "csv") {
      return new Response(registerCsv(running, new Map(holders.map((h) => [h.id, h]))), { status: 200, headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="share-register.csv"' } }) as never;
    }
    return c.json({ entries: running.map(entryDto), holders: holders.map(holderDto) }, 200);
  })
  .openapi(routes.holderRegister, async (c) => {
    const id = c.req.valid("param").id;
    const holder = await findHolder(c.var.db, id);
    if (!holder) throw new AppError("NOT_FOUND", `No shareholder ${id}`);
    // Totals over the holder's own entries: its running position, not the whole register's.
    const running = runningTotals(await registerEntries(c.var.db, [id]), await listClasses(c.var.db));
    return c.json({ holder: holderDto(holder), entries: running.map(entryDto) }, 200);
  });
