// A billing document as HTML (issue 13): the same content as the PDF (src/coop/documents/present.ts
// says what both show), in the document's language, semantic tables with captions and header cells,
// the EPC transfer QR code as inline SVG with its text equivalent; fits 360 px and prints on A4.
// Self-contained (its own scoped style), so it can stand inside the site layout or alone.
import { epcQrMatrix, qrPathData } from "../../../src/coop/documents/epc";
import { presentDocument } from "../../../src/coop/documents/present";
import type { BillingDocument } from "../../../src/coop/invoices/model";

const STYLE = `
.billdoc{max-width:52rem;margin:0 auto;padding:1rem;color:#1a1a1f;font:0.95rem/1.45 system-ui,sans-serif;background:#fff}
.billdoc h1{font-size:1.6rem;margin:0 0 .25rem}
.billdoc h2{font-size:1.05rem;margin:1.5rem 0 .5rem}
.billdoc .billdoc-head{display:flex;flex-wrap:wrap;gap:1rem 2rem;justify-content:space-between}
.billdoc .billdoc-parties{display:flex;flex-wrap:wrap;gap:1rem 2rem;margin-top:1rem}
.billdoc .billdoc-parties section{flex:1 1 14rem;min-width:0}
.billdoc address{font-style:normal;overflow-wrap:anywhere}
.billdoc dl.billdoc-meta{display:grid;grid-template-columns:auto 1fr;gap:.1rem .75rem;margin:0}
.billdoc dl.billdoc-meta dt{color:#55565f}
.billdoc dl.billdoc-meta dd{margin:0;overflow-wrap:anywhere}
.billdoc .billdoc-scroll{overflow-x:auto}
.billdoc table{border-collapse:collapse;width:100%}
.billdoc caption{text-align:left;font-weight:700;padding:.25rem 0}
.billdoc th,.billdoc td{padding:.3rem .4rem;border-bottom:1px solid #d6d6dc;vertical-align:top;text-align:left}
.billdoc td.num,.billdoc th.num{text-align:right;white-space:nowrap}
.billdoc td.desc{overflow-wrap:anywhere;min-width:9rem}
.billdoc .billdoc-reason{display:block;color:#55565f;font-size:.85rem}
.billdoc table.billdoc-totals{width:auto;margin-left:auto;margin-top:1rem}
.billdoc table.billdoc-totals .strong{font-weight:700;font-size:1.1rem}
.billdoc .billdoc-payment{display:flex;flex-wrap:wrap;gap:1rem 2rem;align-items:flex-start;border-top:1px solid #d6d6dc;margin-top:1.5rem}
.billdoc .billdoc-payment > div{flex:1 1 16rem;min-width:0}
.billdoc .billdoc-ogm{font-size:1.2rem;font-weight:700;font-family:ui-monospace,monospace;white-space:nowrap}
.billdoc figure{margin:0;flex:0 0 auto;width:11rem;max-width:100%}
.billdoc figure svg{width:100%;height:auto;display:block}
.billdoc figcaption{font-size:.8rem;color:#55565f}
@media (max-width:30rem){
  .billdoc{padding:0}
  .billdoc dl.billdoc-meta{grid-template-columns:1fr}
  .billdoc dl.billdoc-meta dd{margin-bottom:.35rem}
  .billdoc .billdoc-ogm{font-size:1.05rem;white-space:normal;overflow-wrap:anywhere}
}
@media print{
  @page{size:A4;margin:15mm}
  .billdoc{max-width:none;padding:0;font-size:10pt}
  .billdoc .billdoc-scroll{overflow:visible}
  .billdoc tr{break-inside:avoid}
  .billdoc .billdoc-payment{break-inside:avoid}
}
`;

export function InvoiceDocument({ doc }: { doc: BillingDocument }) {
  const v = presentDocument(doc);
  const qr = v.payment.qr;
  const matrix = qr ? epcQrMatrix(qr.payload) : undefined;
  const side = matrix ? matrix.length + 8 : 0;
  const qrTitleId = `billdoc-qr-${doc.id}`;
  return (
    <article class="billdoc" lang={v.lang} aria-labelledby={`billdoc-title-${doc.id}`}>
      <style>{STYLE}</style>
      <header class="billdoc-head">
        <div>
          <h1 id={`billdoc-title-${doc.id}`}>
            {v.title} {doc.number}
          </h1>
          {v.corrects ? <p><strong>{v.corrects}</strong></p> : null}
        </div>
        <dl class="billdoc-meta">
          {v.meta.map((m) => (
            <>
              <dt>{m.label}</dt>
              <dd>{m.value}</dd>
            </>
          ))}
        </dl>
      </header>

      <div class="billdoc-parties">
        {[v.issuer, v.customer].map((p) => (
          <section>
            <h2>{p.heading}</h2>
            <address>
              <strong>{p.name}</strong>
              {p.lines.map((l) => (
                <>
                  <br />
                  {l}
                </>
              ))}
            </address>
          </section>
        ))}
      </div>

      <div class="billdoc-scroll" tabindex={0}>
        <table>
          <caption>{v.lineHeadings.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{v.lineHeadings.description}</th>
              <th scope="col" class="num">{v.lineHeadings.quantity}</th>
              <th scope="col" class="num">{v.lineHeadings.unitPrice}</th>
              <th scope="col" class="num">{v.lineHeadings.vat}</th>
              <th scope="col" class="num">{v.lineHeadings.net}</th>
            </tr>
          </thead>
          <tbody>
            {v.lines.map((l) => (
              <tr>
                <td class="desc">{l.description}</td>
                <td class="num">{l.quantity}</td>
                <td class="num">{l.unitPrice}</td>
                <td class="num">{l.vat}</td>
                <td class="num">{l.net}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <div class="billdoc-scroll" tabindex={0}>
        <table>
          <caption>{v.vatHeadings.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{v.vatHeadings.category}</th>
              <th scope="col" class="num">{v.vatHeadings.taxable}</th>
              <th scope="col" class="num">{v.vatHeadings.vat}</th>
            </tr>
          </thead>
          <tbody>
            {v.vatRows.map((r) => (
              <tr>
                <th scope="row">
                  {r.category}
                  {r.reason ? <span class="billdoc-reason">{r.reason}</span> : null}
                </th>
                <td class="num">{r.taxable}</td>
                <td class="num">{r.vat}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <table class="billdoc-totals">
        <tbody>
          {v.totals.map((t) => (
            <tr class={t.strong ? "strong" : undefined}>
              <th scope="row">{t.label}</th>
              <td class="num">{t.value}</td>
            </tr>
          ))}
        </tbody>
      </table>

      {v.notes.length > 0 ? (
        <section>
          <h2>{v.notesHeading}</h2>
          {v.notes.map((n) => (
            <p>{n}</p>
          ))}
        </section>
      ) : null}

      <section class="billdoc-payment" aria-labelledby={`billdoc-payment-${doc.id}`}>
        <div>
          <h2 id={`billdoc-payment-${doc.id}`}>{v.payment.heading}</h2>
          <p>{v.payment.message}</p>
          {v.payment.rows.length > 0 ? (
            <dl class="billdoc-meta">
              {v.payment.rows.map((r, i) => (
                <>
                  <dt>{r.label}</dt>
                  <dd class={i === v.payment.rows.length - 1 ? "billdoc-ogm" : undefined}>{r.value}</dd>
                </>
              ))}
            </dl>
          ) : null}
        </div>
        {qr && matrix ? (
          <figure>
            <svg xmlns="http://www.w3.org/2000/svg" viewBox={`0 0 ${side} ${side}`} role="img" aria-labelledby={qrTitleId} shape-rendering="crispEdges">
              <title id={qrTitleId}>{qr.alt}</title>
              <rect width={side} height={side} fill="#fff" />
              <path fill="#000" d={qrPathData(matrix)} />
            </svg>
            <figcaption>{qr.caption}</figcaption>
          </figure>
        ) : null}
      </section>
    </article>
  );
}
