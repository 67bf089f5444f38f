// The last DNS cut-over check of an item in `cutover` (or after): per record type the host declared,
// what was expected, what was found and whether it matches, when, and "verified by DNS" once two
// checks in a row matched. Shown to the member, the host and stewards on the item's card.
import type { DnsView } from "../../src/transition/control/dns.service";
import { DNS_TYPES } from "../../src/transition/control/dns";
import type { Lang, T } from "../i18n";
import { formatDateTime } from "./format";
import { TableHead } from "./table";

export function DnsCheck(props: { t: T; lang: Lang; dns: DnsView; service: string }) {
  const { t, lang, dns } = props;
  const targets = dns.dns_targets;
  const last = dns.checks[0];
  const types = DNS_TYPES.filter((k) => targets?.[k]?.length);
  return (
    // A group, not a section: every item's check has the same title, and named sections are
    // region landmarks, which must have distinct names (axe's landmark-unique).
    <div class="dns-check" role="group" aria-labelledby={`dns-${dns.item_id}`} data-verified={dns.dns_verified_at ? "yes" : "no"}>
      <h4 id={`dns-${dns.item_id}`}>{t("dns.title")}</h4>
      {dns.dns_verified_at ? (
        <p class="dns-verified">
          <strong>{t("dns.verified", { at: formatDateTime(dns.dns_verified_at, lang) })}</strong>
        </p>
      ) : null}
      {!targets || types.length === 0 ? (
        <p class="hint">{t("dns.no_targets")}</p>
      ) : !last ? (
        <p class="hint">{t("dns.no_check")}</p>
      ) : (
        <>
          <p>
            {t("dns.last", { domain: last.domain, at: "" })}
            <time datetime={last.checked_at}>{formatDateTime(last.checked_at, lang)}</time>
          </p>
          <div class="table-scroll" tabindex={0}>
            <table>
              <caption class="visually-hidden">{t("dns.caption", { service: props.service })}</caption>
              <TableHead cols={[t("dns.col.type"), t("dns.col.expected"), t("dns.col.found"), t("dns.col.result")]} />
              <tbody>
                {types.map((type) => {
                  const miss = last.mismatches.find((m) => m.type === type);
                  const found = miss ? miss.found : (last.found[type] ?? []);
                  return (
                    <tr data-type={type} data-match={miss ? "no" : "yes"}>
                      <th scope="row">{type.toUpperCase()}</th>
                      <td>{(miss?.expected ?? targets[type] ?? []).join(", ")}</td>
                      <td>{found.length ? found.join(", ") : t("dns.nothing")}</td>
                      <td>{miss ? <strong>{t("dns.mismatch")}</strong> : t("dns.match")}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
