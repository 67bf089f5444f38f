// Shares fixtures: the two demo classes, a CAMT.053 statement paying one OGM, and register reads.
import { env } from "cloudflare:test";

/** A camt.053.001.02 statement with one credit line paying `ogm` (structured reference) `cents` on `day`. */
export function camtPaying(ogm: string, cents: number, day: string, ref = crypto.randomUUID().slice(0, 8)): string {
  const amount = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>SHARES-${ref}</MsgId><CreDtTm>${day}T06:00:00</CreDtTm></GrpHdr>
    <Stmt>
      <Id>BE68539007547034-${ref}</Id>
      <CreDtTm>${day}T06:00:00</CreDtTm>
      <Acct><Id><IBAN>BE68539007547034</IBAN></Id><Ccy>EUR</Ccy></Acct>
      <Ntry>
        <NtryRef>1</NtryRef>
        <Amt Ccy="EUR">${amount}</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd>
        <Sts>BOOK</Sts>
        <BookgDt><Dt>${day}</Dt></BookgDt>
        <ValDt><Dt>${day}</Dt></ValDt>
        <AcctSvcrRef>SHARES-${ref}-1</AcctSvcrRef>
        <NtryDtls><TxDtls>
          <Refs><EndToEndId>E2E-${ref}</EndToEndId></Refs>
          <AmtDtls><TxAmt><Amt Ccy="EUR">${amount}</Amt></TxAmt></AmtDtls>
          <RltdPties><Dbtr><Nm>Shareholder</Nm></Dbtr><DbtrAcct><Id><IBAN>BE71096123456769</IBAN></Id></DbtrAcct></RltdPties>
          <RmtInf><Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry><Issr>BBA</Issr></Tp><Ref>${ogm}</Ref></CdtrRefInf></Strd></RmtInf>
        </TxDtls></NtryDtls>
      </Ntry>
    </Stmt>
  </BkToCstmrStmt>
</Document>`;
}

export const CONSENTS = { statutes: true, internal_rules: true, data_policy: true, financial_risk: true };

/** Classes A (founders, €250) and B (users, €50), straight into D1. */
export async function demoClasses(): Promise<void> {
  await env.DB.prepare("insert or ignore into share_classes (id, code, name, nominal_cents, min_shares, max_shares, required_for_users) values ('scl_a', 'A', 'Fondateurs', 25000, 1, 20, 0), ('scl_b', 'B', 'Usagers', 5000, 1, 100, 1)").run();
}

export const registerRows = (holderId?: string) =>
  env.DB.prepare(`select kind, shares, amount_cents, on_date, class_id from share_register ${holderId ? "where holder_id = ?" : ""} order by created_at, kind`)
    .bind(...(holderId ? [holderId] : []))
    .all<{ kind: string; shares: number; amount_cents: number; on_date: string; class_id: string }>()
    .then((r) => r.results);
