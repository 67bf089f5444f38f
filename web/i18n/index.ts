// Language negotiation and message lookup. French is the default; a key missing from nl or en is a
// type error because their catalogs must satisfy `Messages`.
import { enAccounts } from "./accounts.en";
import { frAccounts } from "./accounts.fr";
import { nlAccounts } from "./accounts.nl";
import { enAdmin } from "./admin.en";
import { frAdmin } from "./admin.fr";
import { nlAdmin } from "./admin.nl";
import { enManage } from "./manage.en";
import { frManage } from "./manage.fr";
import { nlManage } from "./manage.nl";
import { enMatchSaved } from "./match-saved.en";
import { frMatchSaved } from "./match-saved.fr";
import { nlMatchSaved } from "./match-saved.nl";
import { enOrgs } from "./orgs.en";
import { frOrgs } from "./orgs.fr";
import { nlOrgs } from "./orgs.nl";
import { enTransition } from "./transition.en";
import { frTransition } from "./transition.fr";
import { nlTransition } from "./transition.nl";
import { enOps } from "./ops.en";
import { frOps } from "./ops.fr";
import { nlOps } from "./ops.nl";
import { enWebhooks } from "./webhooks.en";
import { frWebhooks } from "./webhooks.fr";
import { nlWebhooks } from "./webhooks.nl";
import { enMigrations } from "./migrations.en";
import { frMigrations } from "./migrations.fr";
import { nlMigrations } from "./migrations.nl";
import { enFeatures } from "./features.en";
import { frFeatures } from "./features.fr";
import { nlFeatures } from "./features.nl";
import { enMember } from "./member.en";
import { frMember } from "./member.fr";
import { nlMember } from "./member.nl";
import { enBilling } from "./billing.en";
import { frBilling } from "./billing.fr";
import { nlBilling } from "./billing.nl";
import { enSubscriptions } from "./subscriptions.en";
import { frSubscriptions } from "./subscriptions.fr";
import { nlSubscriptions } from "./subscriptions.nl";
import { enDunning } from "./dunning.en";
import { frDunning } from "./dunning.fr";
import { nlDunning } from "./dunning.nl";
import { enControl } from "./control.en";
import { frControl } from "./control.fr";
import { nlControl } from "./control.nl";
import { enPayments } from "./payments.en";
import { frPayments } from "./payments.fr";
import { nlPayments } from "./payments.nl";
import { enCoop } from "./coop.en";
import { frCoop } from "./coop.fr";
import { nlCoop } from "./coop.nl";
import { enShares } from "./shares.en";
import { frShares } from "./shares.fr";
import { nlShares } from "./shares.nl";
import { enJoin } from "./join.en";
import { frJoin } from "./join.fr";
import { nlJoin } from "./join.nl";
import { enCoopPlans } from "./coop-plans.en";
import { frCoopPlans } from "./coop-plans.fr";
import { nlCoopPlans } from "./coop-plans.nl";
import { enCapacity } from "./capacity.en";
import { frCapacity } from "./capacity.fr";
import { nlCapacity } from "./capacity.nl";
import { enAutoDebit } from "./autodebit.en";
import { frAutoDebit } from "./autodebit.fr";
import { nlAutoDebit } from "./autodebit.nl";
import { enProposals } from "./proposals.en";
import { frProposals } from "./proposals.fr";
import { nlProposals } from "./proposals.nl";
import { enSharePay } from "./share-pay.en";
import { frSharePay } from "./share-pay.fr";
import { nlSharePay } from "./share-pay.nl";
import { en as enCore } from "./en";
import { fr as frCore } from "./fr";
import { nl as nlCore } from "./nl";
import { DEFAULT_LANG, isLang, type Lang } from "../../src/lib/lang";

// Feature catalogs (accounts.*.ts, orgs.*.ts…) are merged over the core ones; each checks its own keys.
const fr = { ...frCore, ...frAccounts, ...frOrgs, ...frManage, ...frAdmin, ...frMatchSaved, ...frTransition, ...frOps, ...frWebhooks, ...frMigrations, ...frFeatures, ...frMember, ...frBilling, ...frSubscriptions, ...frDunning, ...frControl, ...frPayments, ...frCoop, ...frShares, ...frJoin, ...frCoopPlans, ...frCapacity, ...frAutoDebit, ...frProposals, ...frSharePay };
const nl = { ...nlCore, ...nlAccounts, ...nlOrgs, ...nlManage, ...nlAdmin, ...nlMatchSaved, ...nlTransition, ...nlOps, ...nlWebhooks, ...nlMigrations, ...nlFeatures, ...nlMember, ...nlBilling, ...nlSubscriptions, ...nlDunning, ...nlControl, ...nlPayments, ...nlCoop, ...nlShares, ...nlJoin, ...nlCoopPlans, ...nlCapacity, ...nlAutoDebit, ...nlProposals, ...nlSharePay };
const en = { ...enCore, ...enAccounts, ...enOrgs, ...enManage, ...enAdmin, ...enMatchSaved, ...enTransition, ...enOps, ...enWebhooks, ...enMigrations, ...enFeatures, ...enMember, ...enBilling, ...enSubscriptions, ...enDunning, ...enControl, ...enPayments, ...enCoop, ...enShares, ...enJoin, ...enCoopPlans, ...enCapacity, ...enAutoDebit, ...enProposals, ...enSharePay };

export { DEFAULT_LANG, LANGS, isLang, type Lang } from "../../src/lib/lang";
export type MessageKey = keyof typeof fr;
/** The core catalog's shape, which nl.ts and en.ts satisfy. */
export type Messages = Record<keyof typeof frCore, string>;

export const catalogs: Record<Lang, Record<MessageKey, string>> = { fr, nl, en };

/** Intl locale for each language: Belgian variants, since the members are in Brussels. */
export const LOCALES: Record<Lang, string> = { fr: "fr-BE", nl: "nl-BE", en: "en-GB" };

/** `?lang=` first, then the cookie, then Accept-Language (by q-value), then French. */
export function negotiateLang(query: string | undefined, cookie: string | undefined, acceptLanguage: string | undefined): Lang {
  if (isLang(query)) return query;
  if (isLang(cookie)) return cookie;
  if (acceptLanguage) {
    const ranked = acceptLanguage
      .split(",")
      .map((part, i) => {
        const [tag = "", ...params] = part.trim().split(";");
        const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
        return { base: tag.trim().toLowerCase().split("-")[0], q: q ? Number(q.slice(2)) || 0 : 1, i };
      })
      .filter((x) => x.q > 0)
      .sort((a, b) => b.q - a.q || a.i - b.i);
    for (const { base } of ranked) if (isLang(base)) return base;
  }
  return DEFAULT_LANG;
}

/** Message lookup with `{name}` placeholders. */
export function translator(lang: Lang) {
  const messages = catalogs[lang];
  return (key: MessageKey, params?: Record<string, string | number>): string => {
    const text = messages[key];
    return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : text;
  };
}
export type T = ReturnType<typeof translator>;
