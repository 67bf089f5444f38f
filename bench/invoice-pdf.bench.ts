/// <reference types="node" />
// `npm run bench:pdf`: CPU time to render one billing document as a PDF (pdf-lib, the EPC QR code
// included) against the baseline of rendering the same document as HTML (hono/jsx, the same QR as
// inline SVG), in the same run, bundled by esbuild as wrangler bundles the Worker. Also the PDF's size.
// BENCH_RUNS=200 sets the measured renders per case (after 20 warm-up renders).
import { renderInvoicePdf } from "../src/coop/documents/pdf";
import type { BillingDocument } from "../src/coop/invoices/model";
import { makeDocument } from "../tests/coop/documents/fixtures";
import { InvoiceDocument } from "../web/pages/coop/invoice-document";

const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const WARMUP = 20;

const hosting = { description: "Hébergement web mutualisé – 10 Go", quantity: 12, unitCode: "MON", unitPriceCents: 850, vatCategory: "S" as const, vatRatePercent: 21 };
const cases: { name: string; doc: BillingDocument }[] = [
  {
    name: "invoice, 3 lines (1 page)",
    doc: makeDocument({
      lines: [hosting, { ...hosting, description: "Nom de domaine .be", quantity: 1, unitCode: "ANN", unitPriceCents: 1299, vatRatePercent: 6 }, { ...hosting, description: "Boîtes mail", quantity: 5, unitPriceCents: 199 }],
      notes: ["TVA due par le cocontractant si applicable."],
    }),
  },
  {
    name: "invoice, 60 long lines (3+ pages)",
    doc: makeDocument({ lines: Array.from({ length: 60 }, (_, i) => ({ ...hosting, description: `${i + 1}. Migration des boîtes aux lettres, alias et listes Sympa vers le nouvel hébergeur, avec reprise des archives` })) }),
  },
];

async function renderHtml(doc: BillingDocument): Promise<string> {
  return String(await (InvoiceDocument({ doc }) as unknown as { toString(): string | Promise<string> }).toString());
}

/** CPU milliseconds (user + system) per render, one figure per run. */
async function measure(fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < WARMUP; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const before = process.cpuUsage();
    await fn();
    const d = process.cpuUsage(before);
    out.push((d.user + d.system) / 1000);
  }
  return out.sort((a, b) => a - b);
}

const q = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
const fmt = (ms: number) => ms.toFixed(2).padStart(8);

console.log(`billing document rendering, ${RUNS} runs per case after ${WARMUP} warm-up, CPU ms per document (user+system)`);
console.log(`${"case".padEnd(36)}${"renderer".padEnd(8)}${"median".padStart(8)}${"p90".padStart(8)}${"p99".padStart(8)}   size`);
for (const c of cases) {
  const pdfBytes = await renderInvoicePdf(c.doc);
  const html = await renderHtml(c.doc);
  const pdf = await measure(() => renderInvoicePdf(c.doc));
  const base = await measure(() => renderHtml(c.doc));
  console.log(`${c.name.padEnd(36)}${"pdf".padEnd(8)}${fmt(q(pdf, 0.5))}${fmt(q(pdf, 0.9))}${fmt(q(pdf, 0.99))}   ${(pdfBytes.length / 1024).toFixed(1)} KiB`);
  console.log(`${"".padEnd(36)}${"html".padEnd(8)}${fmt(q(base, 0.5))}${fmt(q(base, 0.9))}${fmt(q(base, 0.99))}   ${(new TextEncoder().encode(html).length / 1024).toFixed(1)} KiB`);
  console.log(`${"".padEnd(36)}pdf/html median ratio ${(q(pdf, 0.5) / q(base, 0.5)).toFixed(1)}×`);
}
