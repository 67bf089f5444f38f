// What a billing document says to a person, in its own language: every label translated and every
// amount, date and quantity formatted. The PDF and the HTML view both draw this, so they never disagree.
import { countryName, formatDay, formatMoney, formatNumber } from "../../../web/components/format";
import type { BillingDocument, Party, VatBreakdown } from "../invoices/model";
import { formatOgm } from "../invoices/ogm";
import { epcPayload } from "./epc";
import { documentMessage, type DocumentMessageKey } from "./i18n";

export interface PartyView {
  heading: string;
  name: string;
  lines: string[];
}

export interface LineView {
  description: string;
  quantity: string;
  unitPrice: string;
  vat: string;
  net: string;
}

export interface VatRowView {
  category: string;
  taxable: string;
  vat: string;
  reason?: string;
}

export interface PaymentView {
  heading: string;
  /** The sentence above the details (what to pay by when, nothing due, or a credit). */
  message: string;
  /** Beneficiary, IBAN, BIC, structured communication; empty when nothing is to be transferred. */
  rows: { label: string; value: string }[];
  /** The EPC069-12 QR code: present only when an amount is due on an invoice or share call. */
  qr?: { payload: string; alt: string; caption: string };
}

export interface DocumentView {
  lang: BillingDocument["language"];
  title: string;
  meta: { label: string; value: string }[];
  issuer: PartyView;
  customer: PartyView;
  corrects?: string;
  lineHeadings: { description: string; quantity: string; unitPrice: string; vat: string; net: string; caption: string };
  lines: LineView[];
  vatHeadings: { caption: string; category: string; taxable: string; vat: string };
  vatRows: VatRowView[];
  totals: { label: string; value: string; strong?: boolean }[];
  notesHeading: string;
  notes: string[];
  payment: PaymentView;
  /** "Page {n} / {total}" in the document's language. */
  pageLabel: (n: number, total: number) => string;
}

/** The beneficiary name as EPC069-12 takes it: one line, 70 characters at most. */
export function epcName(legalName: string): string {
  return [...legalName.replace(/[\r\n\u2028\u2029\u0085]+/g, " ").trim()].slice(0, 70).join("");
}

/** The QR payload for a document's amount due and OGM (what the PDF and HTML encode). */
export function documentEpcPayload(doc: BillingDocument): string {
  return epcPayload({ bic: doc.issuer.bic, name: epcName(doc.issuer.legalName), iban: doc.issuer.iban, amountCents: doc.dueCents, reference: doc.ogm });
}

/** Whether the document carries a transfer QR: not on credit notes, not when nothing is due. */
export function hasTransferQr(doc: BillingDocument): boolean {
  return doc.type !== "credit_note" && doc.dueCents > 0;
}

/** "BE68 5390 0754 7034" */
export function groupIban(iban: string): string {
  return iban.replace(/\s+/g, "").toUpperCase().replace(/(.{4})(?=.)/g, "$1 ");
}

export function presentDocument(doc: BillingDocument): DocumentView {
  const lang = doc.language;
  const t = (key: DocumentMessageKey, params?: Record<string, string>) => documentMessage(lang, key, params);
  const money = (cents: number) => formatMoney(cents, lang);

  const partyView = (heading: string, p: Party): PartyView => ({
    heading,
    name: p.legalName,
    lines: [
      p.address.street,
      `${p.address.postcode} ${p.address.city}`.trim(),
      p.address.countryCode.toUpperCase() === "BE" && lang !== "en" ? "" : countryName(p.address.countryCode.toUpperCase(), lang),
      p.enterpriseNumber ? `${t("billdoc.enterprise_number")} ${formatEnterpriseNumber(p.enterpriseNumber)}` : "",
      p.vatNumber ? `${t("billdoc.vat_number")} ${p.vatNumber}` : "",
      p.email ?? "",
    ].filter((l) => l.trim() !== ""),
  });

  const categoryLabel = (row: Pick<VatBreakdown, "category" | "ratePercent">) =>
    row.category === "S"
      ? t("billdoc.category.S", { rate: formatNumber(row.ratePercent, lang, { maximumFractionDigits: 2 }) })
      : t(`billdoc.category.${row.category}`);

  const unitLabel = (code: string) => {
    const key = `billdoc.unit.${code}` as DocumentMessageKey;
    return key in UNIT_KEYS ? t(key) : code;
  };

  const credit = doc.type === "credit_note";
  const meta = [
    { label: t("billdoc.number"), value: doc.number },
    { label: t("billdoc.issue_date"), value: formatDay(doc.issueDate, lang) },
    ...(doc.dueDate && !credit ? [{ label: t("billdoc.due_date"), value: formatDay(doc.dueDate, lang) }] : []),
    { label: t("billdoc.buyer_reference"), value: doc.buyerReference },
  ];

  const totals: DocumentView["totals"] = [
    { label: t("billdoc.total_net"), value: money(doc.netCents) },
    { label: t("billdoc.total_vat"), value: money(doc.vatCents) },
    { label: credit ? t("billdoc.credit_total") : t("billdoc.total"), value: money(doc.totalCents), strong: credit },
  ];
  if (!credit) {
    if (doc.paidCents !== 0) totals.push({ label: t("billdoc.paid"), value: money(doc.paidCents) });
    totals.push({ label: t("billdoc.due"), value: money(doc.dueCents), strong: true });
  }

  const ogm = formatOgm(doc.ogm);
  let payment: PaymentView;
  if (credit) {
    payment = { heading: t("billdoc.payment"), message: t("billdoc.payment.credit"), rows: [] };
  } else if (doc.dueCents <= 0) {
    payment = { heading: t("billdoc.payment"), message: t("billdoc.payment.nothing_due"), rows: [] };
  } else {
    const amount = money(doc.dueCents);
    const iban = groupIban(doc.issuer.iban);
    payment = {
      heading: t("billdoc.payment"),
      message: doc.dueDate
        ? t("billdoc.payment.instructions", { amount, date: formatDay(doc.dueDate, lang) })
        : t("billdoc.payment.instructions_no_date", { amount }),
      rows: [
        { label: t("billdoc.beneficiary"), value: doc.issuer.legalName },
        { label: t("billdoc.iban"), value: iban },
        ...(doc.issuer.bic ? [{ label: t("billdoc.bic"), value: doc.issuer.bic }] : []),
        { label: t("billdoc.communication"), value: ogm },
      ],
      qr: {
        payload: documentEpcPayload(doc),
        alt: t("billdoc.qr.alt", { amount, name: doc.issuer.legalName, iban, ogm }),
        caption: t("billdoc.qr.caption"),
      },
    };
  }

  return {
    lang,
    title: t(`billdoc.title.${doc.type}`),
    meta,
    issuer: partyView(t("billdoc.issuer"), doc.issuer),
    customer: partyView(t("billdoc.customer"), doc.customer),
    ...(doc.corrects ? { corrects: t("billdoc.corrects", { number: doc.corrects.number, date: formatDay(doc.corrects.issueDate, lang) }) } : {}),
    lineHeadings: {
      caption: t("billdoc.lines"),
      description: t("billdoc.col.description"),
      quantity: t("billdoc.col.quantity"),
      unitPrice: t("billdoc.col.unit_price"),
      vat: t("billdoc.col.vat"),
      net: t("billdoc.col.net"),
    },
    lines: doc.lines.map((l) => ({
      description: l.description,
      quantity: `${formatNumber(l.quantity, lang, { maximumFractionDigits: 4 })} ${unitLabel(l.unitCode)}`.trim(),
      unitPrice: money(l.unitPriceCents),
      vat: l.vatCategory === "S" ? `${formatNumber(l.vatRatePercent, lang, { maximumFractionDigits: 2 })} %` : l.vatCategory,
      net: money(l.netCents),
    })),
    vatHeadings: { caption: t("billdoc.vat_breakdown"), category: t("billdoc.col.category"), taxable: t("billdoc.col.taxable"), vat: t("billdoc.col.vat_amount") },
    vatRows: doc.vat.map((row) => ({
      category: categoryLabel(row),
      taxable: money(row.taxableCents),
      vat: money(row.vatCents),
      ...(row.exemptionReason ? { reason: row.exemptionReason } : {}),
    })),
    totals,
    notesHeading: t("billdoc.notes"),
    notes: doc.notes.filter((n) => n.trim() !== ""),
    payment,
    pageLabel: (n, total) => t("billdoc.page", { n: String(n), total: String(total) }),
  };
}

const UNIT_KEYS: Record<string, true> = { "billdoc.unit.C62": true, "billdoc.unit.MON": true, "billdoc.unit.ANN": true, "billdoc.unit.HUR": true };

/** "0123.456.749" as Belgian documents print it (the UBL keeps the 10 digits). */
export function formatEnterpriseNumber(n: string): string {
  return /^\d{10}$/.test(n) ? `${n.slice(0, 4)}.${n.slice(4, 7)}.${n.slice(7)}` : n;
}
