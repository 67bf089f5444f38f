// The billing documents' own messages (web/i18n/billing-document.*.ts): the PDF, the HTML view and
// the UBL's payment terms read them in the document's language, not the reader's.
import { enBillingDocument } from "../../../web/i18n/billing-document.en";
import { frBillingDocument } from "../../../web/i18n/billing-document.fr";
import { nlBillingDocument } from "../../../web/i18n/billing-document.nl";
import type { Lang } from "../../lib/lang";

export type DocumentMessageKey = keyof typeof frBillingDocument;

const catalogs: Record<Lang, Record<DocumentMessageKey, string>> = { fr: frBillingDocument, nl: nlBillingDocument, en: enBillingDocument };

/** The message in `lang` with `{name}` placeholders filled. */
export function documentMessage(lang: Lang, key: DocumentMessageKey, params: Record<string, string> = {}): string {
  return catalogs[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}
