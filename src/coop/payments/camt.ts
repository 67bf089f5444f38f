// CAMT.053 (ISO 20022 bank-to-customer statement) as the cooperative's bank sends it: versions
// camt.053.001.02 (most Belgian banks still) and camt.053.001.08 (the 2019 messages). Pure: XML text in,
// statements out, or a CamtError that says what is wrong and where. Amounts become integer cents
// from their decimal text, never through a float.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { AppError } from "../../lib/problem";

export const CAMT_VERSIONS = ["camt.053.001.02", "camt.053.001.08"] as const;
export type CamtVersion = (typeof CAMT_VERSIONS)[number];

export interface CamtRemittance {
  /** `RmtInf/Strd/CdtrRefInf/Ref`, as written (an OGM, an RF creditor reference, …). */
  structured: string[];
  /** `RmtInf/Ustrd` lines. */
  unstructured: string[];
}

export interface CamtTransaction {
  /** Position within its entry, from 0. */
  index: number;
  amountCents: number;
  currency: string;
  endToEndId?: string;
  accountServicerRef?: string;
  debtorName?: string;
  debtorIban?: string;
  remittance: CamtRemittance;
}

export interface CamtEntry {
  /** Position within its statement, from 0. */
  index: number;
  entryRef?: string;
  accountServicerRef?: string;
  amountCents: number;
  currency: string;
  direction: "credit" | "debit";
  reversal: boolean;
  /** BOOK, PDNG, INFO… */
  status: string;
  /** YYYY-MM-DD */
  bookingDate: string;
  valueDate?: string;
  /** One per TxDtls; an entry without details has one transaction for its whole amount. */
  transactions: CamtTransaction[];
}

export interface CamtStatement {
  id: string;
  electronicSequence?: string;
  createdAt?: string;
  iban: string;
  currency?: string;
  entries: CamtEntry[];
}

export interface CamtDocument {
  version: CamtVersion;
  messageId: string;
  statements: CamtStatement[];
}

/** A refusal: `path` says where (`Stmt[0].Ntry[3].Amt`), the message what. */
export class CamtError extends AppError {
  constructor(
    message: string,
    readonly path = "body",
  ) {
    super("VALIDATION_FAILED", message, [{ field: path, message }]);
  }
}

type Node = Record<string, unknown>;

const ARRAYS = new Set(["Stmt", "Ntry", "NtryDtls", "TxDtls", "Ustrd", "Strd", "Bal"]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: false,
  isArray: (name) => ARRAYS.has(name),
});

/** Parses a CAMT.053 statement file. Throws CamtError on anything that is not one. */
export function parseCamt053(xml: string): CamtDocument {
  const text = xml.replace(/^\uFEFF/, "");
  if (!text.trim()) throw new CamtError("the body is empty: expected a CAMT.053 XML statement");
  if (!text.trimStart().startsWith("<")) throw new CamtError("the body is not XML: expected a CAMT.053 statement starting with <?xml or <Document");
  // Bank statements never carry a DTD; refusing one rules out entity expansion tricks.
  if (/<!DOCTYPE/i.test(text)) throw new CamtError("the XML declares a DOCTYPE, which a CAMT.053 statement never does");
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new CamtError(`the XML is malformed at line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg}`);
  const tree = parser.parse(text) as Node;
  const doc = tree.Document as Node | undefined;
  if (!doc || typeof doc !== "object") {
    const root = Object.keys(tree).find((k) => !k.startsWith("?"));
    throw new CamtError(`the root element is <${root ?? "?"}>, not <Document> of a CAMT.053 statement`, "Document");
  }
  const ns = rootNamespace(text);
  const m = /^urn:iso:std:iso:20022:tech:xsd:(camt\.\d{3}\.\d{3}\.\d{2})$/.exec(ns);
  if (!m) throw new CamtError(`the document's namespace is ${ns ? `"${ns}"` : "missing"}: expected urn:iso:std:iso:20022:tech:xsd:camt.053.001.02 or .08`, "Document@xmlns");
  const version = m[1]!;
  if (!version.startsWith("camt.053.")) throw new CamtError(`this is a ${version} message, not a CAMT.053 bank-to-customer statement`, "Document@xmlns");
  if (!(CAMT_VERSIONS as readonly string[]).includes(version)) throw new CamtError(`${version} is not supported: send camt.053.001.02 or camt.053.001.08`, "Document@xmlns");
  const body = node(doc.BkToCstmrStmt, "BkToCstmrStmt");
  const header = node(body.GrpHdr, "BkToCstmrStmt.GrpHdr");
  const messageId = str(header.MsgId, "GrpHdr.MsgId");
  const stmts = (body.Stmt as Node[] | undefined) ?? [];
  if (stmts.length === 0) throw new CamtError("the message has no <Stmt> statement", "BkToCstmrStmt.Stmt");
  return { version: version as CamtVersion, messageId, statements: stmts.map((s, i) => statement(s, `Stmt[${i}]`)) };
}

/** The namespace of the root element (removeNSPrefix drops the xmlns attributes from the tree). */
function rootNamespace(text: string): string {
  const root = /<(?:([A-Za-z_][\w.-]*):)?Document\b([^>]*)>/.exec(text);
  if (!root) return "";
  const attr = root[1] ? `xmlns:${root[1]}` : "xmlns";
  const m = new RegExp(`\\s${attr.replace(".", "\\.")}\\s*=\\s*(["'])(.*?)\\1`).exec(root[2] ?? "");
  return m?.[2]?.trim() ?? "";
}

function statement(s: Node, path: string): CamtStatement {
  const id = str(s.Id, `${path}.Id`);
  const acct = node(s.Acct, `${path}.Acct`);
  const acctId = node(acct.Id, `${path}.Acct.Id`);
  if (acctId.IBAN === undefined) throw new CamtError("the statement's account has no IBAN (only IBAN accounts are read)", `${path}.Acct.Id.IBAN`);
  const iban = str(acctId.IBAN, `${path}.Acct.Id.IBAN`).replace(/\s+/g, "").toUpperCase();
  const entries = ((s.Ntry as Node[] | undefined) ?? []).map((n, i) => entry(n, i, `${path}.Ntry[${i}]`));
  return {
    id,
    electronicSequence: opt(s.ElctrncSeqNb),
    createdAt: opt(s.CreDtTm),
    iban,
    currency: opt(acct.Ccy),
    entries,
  };
}

function entry(n: Node, index: number, path: string): CamtEntry {
  const { cents, currency } = amount(n.Amt, `${path}.Amt`);
  const ind = str(n.CdtDbtInd, `${path}.CdtDbtInd`);
  if (ind !== "CRDT" && ind !== "DBIT") throw new CamtError(`CdtDbtInd is "${ind}": expected CRDT or DBIT`, `${path}.CdtDbtInd`);
  // v02: <Sts>BOOK</Sts>; v08: <Sts><Cd>BOOK</Cd></Sts>.
  const sts = n.Sts;
  const status = typeof sts === "object" && sts !== null ? (opt((sts as Node).Cd) ?? opt((sts as Node).Prtry) ?? "BOOK") : (opt(sts) ?? "BOOK");
  const bookingDate = date(n.BookgDt, `${path}.BookgDt`);
  const valueDate = n.ValDt === undefined ? undefined : date(n.ValDt, `${path}.ValDt`);
  const details = ((n.NtryDtls as Node[] | undefined) ?? []).flatMap((d) => (d.TxDtls as Node[] | undefined) ?? []);
  const transactions =
    details.length === 0
      ? [{ index: 0, amountCents: cents, currency, remittance: { structured: [], unstructured: [] } }]
      : details.map((t, i) => transaction(t, i, `${path}.NtryDtls.TxDtls[${i}]`, details.length === 1 ? { cents, currency } : undefined));
  return {
    index,
    entryRef: opt(n.NtryRef),
    accountServicerRef: opt(n.AcctSvcrRef),
    amountCents: cents,
    currency,
    direction: ind === "CRDT" ? "credit" : "debit",
    reversal: opt(n.RvslInd) === "true",
    status,
    bookingDate,
    valueDate,
    transactions,
  };
}

function transaction(t: Node, index: number, path: string, whole?: { cents: number; currency: string }): CamtTransaction {
  // v08 puts the amount in TxDtls/Amt; v02 in TxDtls/AmtDtls/TxAmt/Amt; a lone TxDtls may have neither.
  const amtDtls = t.AmtDtls as Node | undefined;
  const raw = t.Amt ?? (amtDtls?.TxAmt as Node | undefined)?.Amt ?? (amtDtls?.InstdAmt as Node | undefined)?.Amt;
  let amt: { cents: number; currency: string };
  if (raw !== undefined) amt = amount(raw, `${path}.Amt`);
  else if (whole) amt = whole;
  else throw new CamtError("an entry with several transactions gives no amount for this one", `${path}.Amt`);
  const refs = (t.Refs as Node | undefined) ?? {};
  const parties = (t.RltdPties as Node | undefined) ?? {};
  // v02: Dbtr/Nm; v08: Dbtr/Pty/Nm.
  const dbtr = parties.Dbtr as Node | undefined;
  const debtorName = opt(dbtr?.Nm) ?? opt((dbtr?.Pty as Node | undefined)?.Nm);
  const debtorIban = opt(((parties.DbtrAcct as Node | undefined)?.Id as Node | undefined)?.IBAN)?.replace(/\s+/g, "").toUpperCase();
  const rmt = (t.RmtInf as Node | undefined) ?? {};
  const structured = ((rmt.Strd as Node[] | undefined) ?? [])
    .map((s) => opt((s.CdtrRefInf as Node | undefined)?.Ref))
    .filter((r): r is string => r !== undefined);
  const unstructured = ((rmt.Ustrd as unknown[] | undefined) ?? []).map((u) => opt(u)).filter((u): u is string => u !== undefined);
  const endToEndId = opt(refs.EndToEndId);
  return {
    index,
    amountCents: amt.cents,
    currency: amt.currency,
    endToEndId: endToEndId === "NOTPROVIDED" ? undefined : endToEndId,
    accountServicerRef: opt(refs.AcctSvcrRef),
    debtorName,
    debtorIban,
    remittance: { structured, unstructured },
  };
}

/** "1234.5" → 123450 cents, from the text; more than 2 decimals or a sign is refused. */
export function decimalToCents(text: string): number | null {
  const m = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
}

function amount(v: unknown, path: string): { cents: number; currency: string } {
  if (v === undefined) throw new CamtError("the amount is missing", path);
  const textValue = typeof v === "object" && v !== null ? (v as Node)["#text"] : v;
  const currency = typeof v === "object" && v !== null ? String((v as Node)["@Ccy"] ?? "") : "";
  if (!/^[A-Z]{3}$/.test(currency)) throw new CamtError("the amount has no Ccy currency attribute", path);
  const cents = decimalToCents(String(textValue ?? ""));
  if (cents === null) throw new CamtError(`the amount "${String(textValue ?? "")}" is not a decimal with at most 2 decimals`, path);
  return { cents, currency };
}

function date(v: unknown, path: string): string {
  const n = v as Node | undefined;
  const text = opt(n?.Dt) ?? opt(n?.DtTm)?.slice(0, 10);
  if (!text || !/^\d{4}-\d{2}-\d{2}$/.test(text)) throw new CamtError("a date (Dt or DtTm) is missing or not YYYY-MM-DD", path);
  return text;
}

function node(v: unknown, path: string): Node {
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw new CamtError(`<${path.split(".").at(-1)}> is missing`, path);
  return v as Node;
}

function str(v: unknown, path: string): string {
  const s = opt(v);
  if (s === undefined) throw new CamtError(`<${path.split(".").at(-1)}> is missing or empty`, path);
  return s;
}

function opt(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === "object") {
    const t = (v as Node)["#text"];
    return t === undefined ? undefined : opt(t);
  }
  const s = String(v).trim();
  return s === "" ? undefined : s;
}
