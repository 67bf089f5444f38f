// Independent references for the matching engine, on the same integer problem (src/matching/problem.ts):
// an exhaustive search over every need → offer assignment, and the problem as an integer programme
// for glpk.js and HiGHS. Used by the tests (brute force, HiGHS in workerd) and by the bench.
import type { Problem } from "../../src/matching/problem";

/** One choice per problem need: provider index and offer index within it. */
export type Assignment = { p: number; o: number }[];

export interface Evaluated {
  units: number;
  cost: number;
  /** Provider per need: identifies the bundle (a partition of needs among providers). */
  key: string;
}

/** The objective of an assignment, straight from the definition in problem.ts. */
export function evaluate(problem: Problem, a: Assignment): Evaluated {
  const { weights, swPen } = problem;
  let units = 0;
  let cost = 0;
  const usedProviders = new Map<number, number>(); // provider → highest membership fee used
  const usedOffers = new Set<string>();
  a.forEach(({ p, o }, n) => {
    const prov = problem.providers[p]!;
    const off = prov.offers[o]!;
    const pair = off.pairs.find((x) => x.need === n)!;
    units += weights.price * pair.yearly + swPen * pair.mismatch + prov.penNeed;
    cost += pair.yearly;
    if (!usedOffers.has(`${p}/${o}`)) {
      usedOffers.add(`${p}/${o}`);
      units += weights.price * off.setup;
      cost += off.setup;
    }
    usedProviders.set(p, Math.max(usedProviders.get(p) ?? 0, off.memb));
  });
  for (const [p, memb] of usedProviders) {
    units += problem.providers[p]!.penProvider + weights.price * memb;
    cost += memb;
  }
  return { units, cost, key: a.map((x) => x.p).join(",") };
}

/** Candidates per need: every (provider, offer) eligible for it. */
export function candidates(problem: Problem): Assignment[] {
  const out: Assignment[] = Array.from({ length: problem.k }, () => []);
  problem.providers.forEach((prov, p) => prov.offers.forEach((off, o) => off.pairs.forEach((pr) => out[pr.need]!.push({ p, o }))));
  return out;
}

/**
 * The couplings (problem.ts `groups`, PPair.rides): every group served by one provider, and an
 * included-alias pair used only when one of the mailbox needs it rides on takes the same offer.
 */
export function feasible(problem: Problem, a: Assignment): boolean {
  for (const g of problem.groups) {
    let p = -1;
    for (let n = 0; n < problem.k; n++) {
      if (!((g >> n) & 1)) continue;
      if (p === -1) p = a[n]!.p;
      else if (a[n]!.p !== p) return false;
    }
  }
  return a.every(({ p, o }, n) => {
    const pair = problem.providers[p]!.offers[o]!.pairs.find((x) => x.need === n)!;
    if (pair.rides === 0) return true;
    for (let m = 0; m < problem.k; m++) if ((pair.rides >> m) & 1 && a[m]!.p === p && a[m]!.o === o) return true;
    return false;
  });
}

/**
 * Exhaustive: the best feasible assignment of each partition, sorted by units; returns the first K.
 * Exponential: only for small instances.
 */
export function bruteForce(problem: Problem, K: number): Evaluated[] {
  const cands = candidates(problem);
  const best = new Map<string, Evaluated>();
  const cur: Assignment = [];
  const rec = (n: number) => {
    if (n === problem.k) {
      if (!feasible(problem, cur)) return;
      const e = evaluate(problem, cur);
      if (e.cost > problem.budgetCap) return;
      const prev = best.get(e.key);
      if (!prev || e.units < prev.units) best.set(e.key, e);
      return;
    }
    for (const c of cands[n]!) {
      cur.push(c);
      rec(n + 1);
      cur.pop();
    }
  };
  if (problem.k > 0) rec(0);
  return [...best.values()].sort((x, y) => x.units - y.units).slice(0, K);
}

// ——— Integer programme ———
// x(p,o,n) = 1 when need n goes to offer o of provider p; y(p,o) = 1 when an offer with a setup or
// membership fee is used; z(p) = 1 when provider p is used; m(p) ≥ the membership fee of every used
// membership offer of p (minimisation makes it the highest).
// Couplings: an included-alias pair x(p,o,a) ≤ Σ_{m rides} x(p,o,m); a group's needs all go to one
// provider: Σ_o x(p,o,n) = Σ_o x(p,o,first) for every provider p and need n of the group.

export interface Lin {
  vars: { name: string; obj: number; binary: boolean }[];
  rows: { name: string; terms: [string, number][]; sense: "<=" | ">=" | "="; rhs: number }[];
}

export function buildMip(problem: Problem): Lin {
  const { weights, swPen } = problem;
  const vars: Lin["vars"] = [];
  const rows: Lin["rows"] = [];
  const cover: [string, number][][] = Array.from({ length: problem.k }, () => []);
  const budget: [string, number][] = [];
  problem.providers.forEach((prov, p) => {
    const z = `z${p}`;
    const hasZ = prov.penProvider > 0;
    if (hasZ) vars.push({ name: z, obj: prov.penProvider, binary: true });
    const hasM = prov.offers.some((o) => o.memb > 0);
    const m = `m${p}`;
    if (hasM) {
      vars.push({ name: m, obj: weights.price * 1, binary: false });
      budget.push([m, 1]);
    }
    prov.offers.forEach((off, o) => {
      const fixed = off.setup > 0 || off.memb > 0;
      const y = `y${p}_${o}`;
      if (fixed) {
        vars.push({ name: y, obj: weights.price * off.setup, binary: true });
        if (off.setup > 0) budget.push([y, off.setup]);
        if (off.memb > 0) rows.push({ name: `mb${p}_${o}`, terms: [[m, 1], [y, -off.memb]], sense: ">=", rhs: 0 });
      }
      for (const pr of off.pairs) {
        const x = `x${p}_${o}_${pr.need}`;
        vars.push({ name: x, obj: weights.price * pr.yearly + swPen * pr.mismatch + prov.penNeed, binary: true });
        cover[pr.need]!.push([x, 1]);
        if (pr.yearly > 0) budget.push([x, pr.yearly]);
        if (fixed) rows.push({ name: `ly${p}_${o}_${pr.need}`, terms: [[x, 1], [y, -1]], sense: "<=", rhs: 0 });
        if (hasZ) rows.push({ name: `lz${p}_${o}_${pr.need}`, terms: [[x, 1], [z, -1]], sense: "<=", rhs: 0 });
        if (pr.rides !== 0) {
          const terms: [string, number][] = [[x, 1]];
          for (let m = 0; m < problem.k; m++) if ((pr.rides >> m) & 1) terms.push([`x${p}_${o}_${m}`, -1]);
          rows.push({ name: `ri${p}_${o}_${pr.need}`, terms, sense: "<=", rhs: 0 });
        }
      }
    });
    problem.groups.forEach((g, gi) => {
      const atP = (n: number): [string, number][] => prov.offers.flatMap((off, o) => (off.pairs.some((pr) => pr.need === n) ? [[`x${p}_${o}_${n}`, 1] as [string, number]] : []));
      const needs = Array.from({ length: problem.k }, (_, n) => n).filter((n) => (g >> n) & 1);
      const first = atP(needs[0]!);
      for (const n of needs.slice(1)) {
        const terms: [string, number][] = [...atP(n), ...first.map(([v, c]): [string, number] => [v, -c])];
        if (terms.length > 0) rows.push({ name: `g${gi}_${p}_${n}`, terms, sense: "=", rhs: 0 });
      }
    });
  });
  cover.forEach((terms, n) => rows.push({ name: `c${n}`, terms, sense: "=", rhs: 1 }));
  if (problem.budgetCap !== Infinity && budget.length > 0) rows.push({ name: "budget", terms: budget, sense: "<=", rhs: problem.budgetCap });
  return { vars, rows };
}

/** CPLEX LP text, as HiGHS reads it. */
export function toLpText(lin: Lin): string {
  const term = ([n, c]: [string, number], i: number) => `${c < 0 ? "-" : i === 0 ? "" : "+"} ${Math.abs(c)} ${n}`;
  const lines = ["Minimize", ` obj: ${lin.vars.map((v, i) => term([v.name, v.obj], i)).join(" ") || "0 x"}`, "Subject To"];
  for (const r of lin.rows) lines.push(` ${r.name}: ${r.terms.map(term).join(" ")} ${r.sense} ${r.rhs}`);
  lines.push("Bounds");
  for (const v of lin.vars) if (!v.binary) lines.push(` ${v.name} >= 0`);
  lines.push("Binaries", ` ${lin.vars.filter((v) => v.binary).map((v) => v.name).join(" ")}`, "End");
  return lines.join("\n");
}

/** glpk.js JSON model. `c` are the GLPK constants of the loaded instance. */
export function toGlpk(lin: Lin, c: { GLP_MIN: number; GLP_UP: number; GLP_LO: number; GLP_FX: number }) {
  return {
    name: "match",
    objective: { direction: c.GLP_MIN, name: "obj", vars: lin.vars.map((v) => ({ name: v.name, coef: v.obj })) },
    subjectTo: lin.rows.map((r) => ({
      name: r.name,
      vars: r.terms.map(([name, coef]) => ({ name, coef })),
      bnds: { type: r.sense === "<=" ? c.GLP_UP : r.sense === ">=" ? c.GLP_LO : c.GLP_FX, ub: r.rhs, lb: r.rhs },
    })),
    bounds: lin.vars.filter((v) => !v.binary).map((v) => ({ name: v.name, type: c.GLP_LO, ub: 0, lb: 0 })),
    binaries: lin.vars.filter((v) => v.binary).map((v) => v.name),
  };
}

/** Read the assignment back from a solver's variable values, then evaluate it exactly. */
export function fromSolution(problem: Problem, value: (name: string) => number): Evaluated | null {
  const a: Assignment = [];
  problem.providers.forEach((prov, p) =>
    prov.offers.forEach((off, o) =>
      off.pairs.forEach((pr) => {
        if (value(`x${p}_${o}_${pr.need}`) > 0.5) a[pr.need] = { p, o };
      }),
    ),
  );
  for (let n = 0; n < problem.k; n++) if (!a[n]) return null;
  return evaluate(problem, a);
}
