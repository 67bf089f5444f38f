// Mail stays together. A request describes one domain, so:
// - its mailbox and alias needs form one group that a single provider serves (a domain's mail has
//   one MX: aliases live on the server of their mailboxes);
// - keep_dns_with "mail" adds its DNS needs to that group; "domain" groups them with its domain
//   registration needs. When the other side is absent (say the domain stays at its registrar),
//   the DNS needs are simply grouped together.
// A group is a bitmask over the problem's needs; a block of a bundle (the needs one provider
// serves) must hold each group whole or not at all.
import type { MatchRequest } from "./needs";

export const MAIL_KINDS: readonly string[] = ["mailbox", "mail_alias"];

/** The groups (masks of at least two needs) over the problem needs `order` (problem index → request index). */
export function groupsOf(req: MatchRequest, order: readonly number[]): number[] {
  let mail = 0;
  let dns = 0;
  let domain = 0;
  order.forEach((ri, n) => {
    const s = req.needs[ri]!.service;
    if (MAIL_KINDS.includes(s)) mail |= 1 << n;
    else if (s === "dns_hosting") dns |= 1 << n;
    else if (s === "domain_registration") domain |= 1 << n;
  });
  const keep = req.constraints.keep_dns_with;
  if (keep === "mail") mail |= dns;
  else if (keep === "domain") domain |= dns;
  // A group of one need constrains nothing.
  return [mail, keep === "domain" ? domain : 0].filter((g) => (g & (g - 1)) !== 0);
}

/** whole[S] = 1 when block S holds every group whole or not at all. */
export function wholeBlocks(k: number, groups: readonly number[]): Uint8Array {
  const size = 1 << k;
  const whole = new Uint8Array(size);
  for (let S = 0; S < size; S++) {
    let ok = 1;
    for (const g of groups) {
      const x = S & g;
      if (x !== 0 && x !== g) {
        ok = 0;
        break;
      }
    }
    whole[S] = ok;
  }
  return whole;
}

/** The needs of M whose groups lie whole in M: a group a provider cannot serve whole is not served there at all. */
export function wholeGroups(problem: { groups: readonly number[] }, M: number): number {
  for (const g of problem.groups) if ((M & g) !== g) M &= ~g;
  return M;
}
