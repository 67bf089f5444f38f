// The Peppol channel: issuing a document for a customer with an enterprise number writes a peppol
// outbox row carrying the UBL (with the number and OGM the batch gave) in the issuing batch; the
// channel POSTs it to the access point with its headers, a 5xx is retried, a 422 is final, and
// record mode records instead of sending. A customer without an enterprise number gets no row.
import { env } from "cloudflare:test";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { deliverPeppol, PEPPOL_DOCUMENT_TYPES } from "../../src/coop/peppol/channel";
import type { OutboxRow } from "../../src/db/schema";
import { settings } from "../../src/env";
import { runQueue } from "../accounts/helpers";
import { call, json } from "../helpers/http";
import { coop, coopAdminKey, customer } from "./helpers";

let key: string;
const H = () => ({ authorization: `Bearer ${key}`, "content-type": "application/json" });
const post = async (path: string, body: unknown = {}) => {
  const res = await call(path, { method: "POST", headers: H(), body: JSON.stringify(body) });
  if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return json(res);
};
async function issued(org: string) {
  const d = await post("/api/v1/invoices", { organisation_id: org, lines: [{ description: "Hébergement", quantity: 1, unit_price_cents: 10000 }] });
  return post(`/api/v1/invoices/${d.id}/issue`);
}
const peppolRows = async (documentId: string) =>
  (await env.DB.prepare("select * from outbox where channel = 'peppol' and json_extract(payload, '$.document_id') = ?").bind(documentId).all<Record<string, unknown>>()).results.map(
    (r) => ({ id: r.id as string, channel: "peppol", kind: r.kind as string, recipient: r.recipient as string, payload: JSON.parse(r.payload as string), status: r.status as OutboxRow["status"], attempts: r.attempts as number, lastError: r.last_error as string | null, sentAt: r.sent_at as string | null, createdAt: r.created_at as string, updatedAt: r.updated_at as string }) satisfies OutboxRow,
  );
const AP = { PEPPOL_AP_URL: "https://ap.peppol.test/v1/documents", PEPPOL_AP_TOKEN: "ap-token-123" };

beforeAll(async () => {
  await coop();
  key = await coopAdminKey();
});
afterEach(() => vi.restoreAllMocks());

describe("the peppol row is written by the issuing batch", () => {
  it("an invoice and its credit note for a customer with an enterprise number: one row each, carrying the numbered UBL", async () => {
    const org = await customer({ contactEmail: "compta@peppol.test", companyNumber: "BE0403170701" });
    const invoice = await issued(org);
    const [row] = await peppolRows(invoice.id);
    expect(row).toMatchObject({ kind: "invoice.issued", recipient: "0208:0403170701", status: "pending" });
    expect(row!.payload).toMatchObject({ document_id: invoice.id, number: invoice.number, type: "invoice", receiver: "0208:0403170701", sender: "0208:0417497106" });
    expect(row!.payload.ubl).toContain(`<cbc:ID>${invoice.number}</cbc:ID>`);
    expect(row!.payload.ubl).toContain(`<cbc:PaymentID>${invoice.ogm}</cbc:PaymentID>`);
    expect(row!.payload.ubl).not.toContain("@@chatiere");
    // The same UBL the API serves for the document.
    const served = await (await call(`/api/v1/invoices/${invoice.id}/ubl`, { headers: H() })).text();
    expect(row!.payload.ubl).toBe(served);

    const note = await post(`/api/v1/invoices/${invoice.id}/credit-note`, {});
    const [noteRow] = await peppolRows(note.id);
    expect(noteRow!.payload).toMatchObject({ number: note.number, type: "credit_note" });
    expect(noteRow!.payload.ubl).toContain(`<cbc:ID>${note.number}</cbc:ID>`);
    expect(noteRow!.payload.ubl).toContain("<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>");
  });

  it("a customer without an enterprise number gets the mail only", async () => {
    const org = await customer({ contactEmail: "compta@nopeppol.test", companyNumber: null });
    const invoice = await issued(org);
    expect(await peppolRows(invoice.id)).toEqual([]);
    expect(await env.DB.prepare("select count(*) as n from outbox where channel = 'mail' and recipient = 'compta@nopeppol.test' and kind = 'invoice.issued'").first("n")).toBe(1);
  });

  it("a refused issue writes no row (the batch is one)", async () => {
    const org = await customer({ companyNumber: "BE0403170701" });
    const d = await post("/api/v1/invoices", { organisation_id: org, issue_date: "2026-01-01", lines: [{ description: "x", quantity: 1, unit_price_cents: 100 }] });
    expect((await call(`/api/v1/invoices/${d.id}/issue`, { method: "POST", headers: H() })).status).toBe(409);
    expect(await peppolRows(d.id)).toEqual([]);
  });
});

describe("the channel", () => {
  async function pendingRow() {
    const org = await customer({ companyNumber: "BE0403170701" });
    const invoice = await issued(org);
    return (await peppolRows(invoice.id))[0]!;
  }
  const ctxWith = (extra: Record<string, string>) => {
    const e = { ...env, ENVIRONMENT: "production", ...extra } as Cloudflare.Env;
    return { env: e, settings: settings(e) };
  };

  it("POSTs the UBL to the access point with the token, envelope headers and the row id as Idempotency-Key", async () => {
    const row = await pendingRow();
    const fetcher = vi.fn<typeof fetch>(async () => new Response('{"id":"ap-1"}', { status: 202 }));
    expect(await deliverPeppol(row, ctxWith(AP), fetcher)).toEqual({ ok: true });
    expect(fetcher).toHaveBeenCalledTimes(1);
    const [url, init] = fetcher.mock.calls[0]!;
    expect(url).toBe(AP.PEPPOL_AP_URL);
    expect(init!.method).toBe("POST");
    expect(init!.body).toBe(row.payload.ubl);
    expect(init!.headers).toMatchObject({
      authorization: "Bearer ap-token-123",
      "content-type": "application/xml; charset=utf-8",
      "idempotency-key": row.id,
      "peppol-receiver": "0208:0403170701",
      "peppol-sender": "0208:0417497106",
      "peppol-document-type": PEPPOL_DOCUMENT_TYPES.invoice,
    });
  });

  it("through the queue: a 5xx is retried (row pending, attempt counted), then a 2xx sends it; a 422 fails it for good", async () => {
    const row = await pendingRow();
    const fetch = vi.spyOn(globalThis, "fetch").mockResolvedValueOnce(new Response("busy", { status: 503 }));
    const first = await runQueue("chatiere-peppol", [row.id], { environment: "production", env: AP });
    expect(first.retryMessages).toHaveLength(1);
    expect(first.delays).toEqual([5]);
    let stored = (await peppolRows(row.payload.document_id))[0]!;
    expect(stored).toMatchObject({ status: "pending", attempts: 1, lastError: "HTTP 503: busy" });
    fetch.mockResolvedValueOnce(new Response("", { status: 200 }));
    const second = await runQueue("chatiere-peppol", [row.id], { environment: "production", env: AP, attempts: 2 });
    expect(second.explicitAcks).toEqual([`q0-${row.id}`]);
    stored = (await peppolRows(row.payload.document_id))[0]!;
    expect(stored).toMatchObject({ status: "sent", attempts: 2, lastError: null });
    expect(fetch).toHaveBeenCalledTimes(2);

    const refused = await pendingRow();
    fetch.mockResolvedValueOnce(new Response("BR-CO-10 failed", { status: 422 }));
    await runQueue("chatiere-peppol", [refused.id], { environment: "production", env: AP });
    expect((await peppolRows(refused.payload.document_id))[0]).toMatchObject({ status: "failed", lastError: "HTTP 422: BR-CO-10 failed" });
  });

  it("record mode (PEPPOL_AP_MODE=record, or development without a URL) records: the row is kept with its UBL, nothing is sent", async () => {
    const row = await pendingRow();
    const fetch = vi.spyOn(globalThis, "fetch");
    await runQueue("chatiere-peppol", [row.id], { environment: "production", env: { ...AP, PEPPOL_AP_MODE: "record" } });
    expect(fetch).not.toHaveBeenCalled();
    expect((await peppolRows(row.payload.document_id))[0]).toMatchObject({ status: "sent", lastError: null, payload: { ubl: row.payload.ubl } });
    const dev = await pendingRow();
    await runQueue("chatiere-peppol", [dev.id], { environment: "development" });
    expect(fetch).not.toHaveBeenCalled();
    expect((await peppolRows(dev.payload.document_id))[0]).toMatchObject({ status: "sent" });
    // Production without a URL is a misconfiguration: retried, never silently dropped.
    const missing = await pendingRow();
    await runQueue("chatiere-peppol", [missing.id], { environment: "production" });
    expect((await peppolRows(missing.payload.document_id))[0]).toMatchObject({ status: "pending", lastError: "PEPPOL_AP_URL is not set (or set PEPPOL_AP_MODE=record)" });
  });
});
