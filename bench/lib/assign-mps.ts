// The assignment's integer programmes (bench/lib/assign-mip.ts's `Lin`) as MPS text, for native
// solvers run outside the Worker (bench/assign-oracle.ts runs CBC on it). MPS rather than CPLEX LP:
// CBC's LP reader is a subset of CPLEX's, while MPS is read alike by CBC and HiGHS (the test reads
// it back with HiGHS wasm). Names hold no spaces, so the text reads as free MPS and as fixed MPS (whose
// readers split most fields by whitespace). Binaries are put between integer markers *and* bounded BV: readers differ on the bounds
// a bare marked column gets (CBC and HiGHS give [0, 1], some give [0, ∞)).
import type { Lin } from "./reference";

const SENSE = { "<=": "L", ">=": "G", "=": "E" } as const;

/** `lin` as MPS (minimise). Whole-number coefficients stay as written; others in full precision. */
export function toMps(lin: Lin, name = "ASSIGN"): string {
  if (/\s/.test(name) || lin.vars.some((v) => /\s/.test(v.name)) || lin.rows.some((r) => /\s/.test(r.name))) throw new Error("MPS names must hold no spaces");
  const cols = new Map<string, [string, number][]>(lin.vars.map((v) => [v.name, []]));
  for (const r of lin.rows) {
    for (const [n, c] of r.terms) {
      const col = cols.get(n);
      if (!col) throw new Error(`row ${r.name} names an unknown column ${n}`);
      if (c !== 0) col.push([r.name, c]);
    }
  }
  const lines = [`NAME ${name}`, "ROWS", " N obj"];
  for (const r of lin.rows) lines.push(` ${SENSE[r.sense]} ${r.name}`);
  lines.push("COLUMNS");
  let marked = false;
  let markers = 0;
  const mark = (on: boolean) => {
    if (on === marked) return;
    lines.push(` MARKER${markers++} 'MARKER' '${on ? "INTORG" : "INTEND"}'`);
    marked = on;
  };
  for (const v of lin.vars) {
    mark(v.binary);
    // A column with no entry at all would vanish from the file: it keeps its (maybe zero) cost.
    if (v.obj !== 0 || cols.get(v.name)!.length === 0) lines.push(` ${v.name} obj ${v.obj}`);
    for (const [row, c] of cols.get(v.name)!) lines.push(` ${v.name} ${row} ${c}`);
  }
  mark(false);
  lines.push("RHS");
  for (const r of lin.rows) if (r.rhs !== 0) lines.push(` RHS ${r.name} ${r.rhs}`);
  lines.push("BOUNDS");
  // Fixed MPS places a bound's column at character 15 (CBC reads it there; HiGHS reads by whitespace).
  for (const v of lin.vars) if (v.binary) lines.push(` BV BND       ${v.name}`);
  lines.push("ENDATA");
  return lines.join("\n") + "\n";
}
