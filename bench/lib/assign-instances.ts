// Seeded instances for the collective assignment (tests and `npm run bench:assign`): members with
// a few services each and their candidate bundles, providers with capacities, groups. `random`
// spreads prices evenly; `clustered` puts members and providers in regions where nearby hosts are
// cheaper and fuller, the shape the real transition has (everyone wants the same few hosts).
import type { InventoryKind } from "../../src/transition/inventory";
import type { AssignInput, AssignItem, AssignMember, AssignOption, AssignProvider } from "../../src/transition/assign/types";
import { rng } from "./instances";

export interface AssignShape {
  members: number;
  providers: number;
  /** Candidate bundles per member. */
  options: number;
  clustered: boolean;
  /** Share of members put in groups of 2–4. */
  grouped: number;
  /** Total capacity against total demand per kind (below 1: someone is left out). */
  slack: number;
  /**
   * Share of providers with a weekly rate: they can start only so many member migrations before the
   * deadline (`AssignProvider.migrations`, about `slack` × members spread over the providers). Absent: none.
   */
  rate?: number;
}

const MAIL: InventoryKind[] = ["mailbox", "mail_alias", "domain_registration"];
const CITIES = ["Bruxelles", "Liège", "Namur", "Gent", "Antwerpen", "Lille"];

export function assignInstance(shape: AssignShape, seed: number): AssignInput {
  const r = rng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const region = (i: number) => i % CITIES.length;
  // Per provider and kind: a monthly price per unit (cents); clustered hosts are cheap at home.
  const providers: AssignProvider[] = [];
  const unitPrice: Record<string, Partial<Record<InventoryKind, number>>> = {};
  for (let p = 0; p < shape.providers; p++) {
    const id = `prv_${String(p).padStart(3, "0")}`;
    providers.push({ id, city: CITIES[region(p)]!, capacity: {} });
    unitPrice[id] = { mailbox: int(50, 400), mail_alias: int(0, 30), domain_registration: int(80, 200), web_hosting: int(300, 1500), mailing_list: int(0, 300) };
  }
  const members: AssignMember[] = [];
  const demand: Partial<Record<InventoryKind, number>> = {};
  for (let m = 0; m < shape.members; m++) {
    const id = `org_${String(m).padStart(4, "0")}`;
    const services: { id: string; kind: InventoryKind }[] = [];
    const add = (kind: InventoryKind, n: number) => {
      for (let k = 0; k < n; k++) services.push({ id: `svc_${m}_${services.length}`, kind });
      demand[kind] = (demand[kind] ?? 0) + n;
    };
    add("mailbox", int(1, 8));
    add("mail_alias", int(0, 3));
    add("domain_registration", 1);
    if (r() < 0.5) add("web_hosting", 1);
    if (r() < 0.2) add("mailing_list", 1);
    const home = region(m);
    const options: AssignOption[] = [];
    const seen = new Set<string>();
    for (let t = 0; t < shape.options * 3 && options.length < shape.options; t++) {
      const pickHost = () => {
        if (!shape.clustered || r() < 0.3) return providers[int(0, shape.providers - 1)]!.id;
        const local = providers.filter((_, p) => region(p) === home);
        return (local[int(0, local.length - 1)] ?? providers[0]!).id;
      };
      const mailHost = pickHost();
      const otherHost = r() < 0.6 ? mailHost : pickHost();
      const key = `${mailHost}/${otherHost}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const items: AssignItem[] = services.map((s) => {
        const host = MAIL.includes(s.kind) ? mailHost : otherHost;
        return { inventory_id: s.id, offer_id: `off_${host}_${s.kind}`, provider_id: host, kind: s.kind };
      });
      const monthly = items.reduce((sum, it) => sum + (unitPrice[it.provider_id]![it.kind] ?? 0) * (shape.clustered && CITIES[home] !== providers.find((p) => p.id === it.provider_id)!.city ? 1.3 : 1), 0);
      options.push({ items, monthly_cents: Math.round(monthly) });
    }
    // The member's order of preference: mostly by price, with a taste of its own.
    const taste = options.map((o) => o.monthly_cents * (0.8 + 0.4 * r()));
    const order = options.map((_, i) => i).sort((a, b) => taste[a]! - taste[b]! || a - b);
    members.push({ id, options: order.map((i) => options[i]!), city: CITIES[home]!, association: r() < 0.7 });
  }
  // Capacities: about `slack` × demand spread over the providers, uneven; some kinds unlimited.
  for (const p of providers) {
    for (const kind of ["mailbox", "web_hosting", "domain_registration"] as InventoryKind[]) {
      if (r() < 0.15) continue; // unlimited
      const share = ((demand[kind] ?? 0) * shape.slack) / shape.providers;
      p.capacity[kind] = Math.max(0, Math.round(share * (0.3 + 1.4 * r())));
    }
  }
  const groups: string[][] = [];
  const ids = members.map((m) => m.id);
  let g = 0;
  while (g < Math.floor(shape.members * shape.grouped)) {
    const size = int(2, 4);
    groups.push(ids.slice(g, g + size));
    g += size;
  }
  // Weekly rates from a stream of their own, so an instance without them stays what it always was.
  if (shape.rate) {
    const r2 = rng(seed ^ 0x5eed);
    for (const p of providers) {
      if (r2() >= shape.rate) continue;
      p.migrations = Math.max(0, Math.round(((shape.members * shape.slack) / shape.providers) * (0.3 + 1.4 * r2())));
    }
  }
  return { members, providers, groups: groups.filter((x) => x.length > 1), penalty_cents: 200 };
}

/**
 * The benches' instance `s` of a size and shape: every assign bench derives the same seed, so their
 * rows speak of the same instances (8 options per member, a fifth grouped, 5 % spare capacity).
 */
export function benchInstance(members: number, providers: number, clustered: boolean, s: number, rate: number): { seed: number; input: AssignInput } {
  const seed = members * 131 + providers * 7 + s + (clustered ? 50_000 : 0);
  return { seed, input: assignInstance({ members, providers, options: 8, clustered, grouped: 0.2, slack: 1.05, rate }, seed) };
}

/** Every bench instance of the sizes (members × providers), random then clustered, `seeds` of each. */
export function* benchInstances(sizes: readonly (readonly [number, number])[], seeds: number, rate: number) {
  for (const [members, providers] of sizes) {
    for (const clustered of [false, true]) {
      for (let s = 0; s < seeds; s++) yield { members, providers, clustered, s, ...benchInstance(members, providers, clustered, s, rate) };
    }
  }
}
