// /orgs/:orgId/inventory: a member organisation's inventory, read by its members and stewards, and
// corrected, completed and confirmed by its owners and admins. Every POST is same-origin only and
// answers 303 → GET with a notice; a wrong field comes back (400) next to that field.
import { Hono, type Context } from "hono";
import { InventoryPage, ServiceEditPage, type ServiceFormState } from "../../../web/pages/transition/inventory";
import { pageProps } from "../../../web/components/page-props";
import { sameOriginForms } from "../../accounts/csrf";
import { allow, caller, orgParam } from "../../accounts/guard";
import { findOrg } from "../../accounts/orgs/repository";
import { decide } from "../../accounts/policy";
import type { AppEnv } from "../../env";
import { flashes } from "../../lib/flash";
import { formText } from "../../lib/form";
import { PageError } from "../../lib/problem";
import { keyField } from "../inventory";
import { wizardHref, wizardQuery } from "../wizard";
import { isKind, readServiceForm, valuesOf, type FieldErrorCode, type FormValues } from "./form";
import { addService, confirmerEmail, confirmInventory, DuplicateService, findService, listInventory, setGone, updateService } from "./service";

export const inventoryPages = new Hono<AppEnv>();
inventoryPages.use("/orgs/*", sameOriginForms);

type C = Context<AppEnv>;

const flash = flashes("transition.inventory.notice", ["added", "saved", "gone", "restored", "confirmed"]);
const inventoryPath = (orgId: string, notice?: Parameters<typeof flash.to>[1]) => flash.to(`/orgs/${encodeURIComponent(orgId)}/inventory`, notice);

/** The route's organisation; only member organisations have an inventory. */
async function memberOrg(c: C) {
  const org = await findOrg(c.var.db, c.req.param("orgId") ?? "");
  if (!org) throw new PageError("NOT_FOUND", `No organisation ${c.req.param("orgId")}`, "orgs.error.not_found");
  if (org.kind !== "member") throw new PageError("NOT_FOUND", "Only member organisations have an inventory", "transition.inventory.error.not_member_org");
  return org;
}

async function serviceOf(c: C, orgId: string) {
  const row = await findService(c.var.db, orgId, c.req.param("id") ?? "");
  if (!row) throw new PageError("NOT_FOUND", `No service ${c.req.param("id")} in ${orgId}`, "transition.inventory.error.service_not_found");
  return row;
}

async function page(c: C, add?: ServiceFormState) {
  const org = await memberOrg(c);
  const rows = await listInventory(c.var.db, org.id);
  const live = rows.filter((r) => r.goneAt === null).map((r) => r.service);
  return (
    <InventoryPage
      {...pageProps(c)}
      org={org}
      rows={rows}
      canManage={decide(caller(c), "org.manage", { orgId: org.id }) === "allow"}
      confirmedBy={await confirmerEmail(c.var.db, org.inventoryConfirmedBy)}
      findHosts={wizardHref(wizardQuery(live, { language: org.language }))}
      notice={flash.read(c)}
      add={add}
    />
  );
}

const duplicate = (values: FormValues, field: string): { values: FormValues; errors: Record<string, FieldErrorCode> } => ({ values, errors: { [field]: "duplicate" } });

// Access: members of the organisation (any role), stewards and coop_admins (org.read); the forms show
// to owners and admins (org.manage). Not a member organisation: 404.
inventoryPages.get("/orgs/:orgId/inventory", allow("org.read", orgParam), async (c) => c.html(await page(c)));

// Access: owners and admins (org.manage). Adds a service of the posted kind; a wrong field: 400 with
// the form open and the message next to it; the same address, host or name already there: 409.
inventoryPages.post("/orgs/:orgId/inventory", allow("org.manage", orgParam), async (c) => {
  const org = await memberOrg(c);
  const body = await c.req.parseBody();
  const kind = formText(body.kind, 40);
  if (!isKind(kind)) throw new PageError("VALIDATION_FAILED", "Unknown kind of service", "transition.inventory.error.kind", {}, [{ field: "kind", message: "a kind of service" }]);
  const form = readServiceForm(kind, body);
  if (!form.ok) return c.html(await page(c, { kind, values: form.values, errors: form.errors }), 400);
  try {
    await addService(c.var.ctx, org.id, form.service);
  } catch (err) {
    if (err instanceof DuplicateService) return c.html(await page(c, { kind, ...duplicate(valuesOf(form.service), keyField(kind)) }), 409);
    throw err;
  }
  return c.redirect(inventoryPath(org.id, "added"), 303);
});

// Access: owners and admins (org.manage). Confirms the inventory as it stands: who and when are recorded and shown.
inventoryPages.post("/orgs/:orgId/inventory/confirm", allow("org.manage", orgParam), async (c) => {
  const org = await memberOrg(c);
  await confirmInventory(c.var.ctx, org.id);
  return c.redirect(inventoryPath(org.id, "confirmed"), 303);
});

// Access: owners and admins (org.manage); a service of another organisation is not found (404).
inventoryPages.get("/orgs/:orgId/inventory/:id", allow("org.manage", orgParam), async (c) => {
  const org = await memberOrg(c);
  const row = await serviceOf(c, org.id);
  return c.html(<ServiceEditPage {...pageProps(c)} org={org} row={row} values={valuesOf(row.service)} errors={{}} />);
});

// Access: owners and admins (org.manage). A wrong field: 400 with the message next to it; the new
// address, host or name taken by another service: 409. The kind does not change.
inventoryPages.post("/orgs/:orgId/inventory/:id", allow("org.manage", orgParam), async (c) => {
  const org = await memberOrg(c);
  const row = await serviceOf(c, org.id);
  const form = readServiceForm(row.kind, await c.req.parseBody(), row.service);
  if (!form.ok) return c.html(<ServiceEditPage {...pageProps(c)} org={org} row={row} values={form.values} errors={form.errors} />, 400);
  try {
    const result = await updateService(c.var.ctx, org.id, row, form.service);
    return c.redirect(inventoryPath(org.id, result === "changed" ? "saved" : undefined), 303);
  } catch (err) {
    if (err instanceof DuplicateService) return c.html(<ServiceEditPage {...pageProps(c)} org={org} row={row} {...duplicate(valuesOf(form.service), keyField(row.kind))} />, 409);
    throw err;
  }
});

// Access: owners and admins (org.manage). Marks the service gone (kept, listed apart).
inventoryPages.post("/orgs/:orgId/inventory/:id/gone", allow("org.manage", orgParam), async (c) => {
  const org = await memberOrg(c);
  await setGone(c.var.ctx, org.id, await serviceOf(c, org.id), true);
  return c.redirect(inventoryPath(org.id, "gone"), 303);
});

// Access: owners and admins (org.manage). Brings a gone service back.
inventoryPages.post("/orgs/:orgId/inventory/:id/restore", allow("org.manage", orgParam), async (c) => {
  const org = await memberOrg(c);
  await setGone(c.var.ctx, org.id, await serviceOf(c, org.id), false);
  return c.redirect(inventoryPath(org.id, "restored"), 303);
});
