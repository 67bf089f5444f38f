// Capacity propagation of a node's fixings (bnb.ts SearchOptions.propagate): per capacity row, the
// least any assignment on the node's allowed choices takes of it (each unit its least amount there
// over its allowed choices: 0 when one of them does not use the row); a choice that would take
// more than the row's room left beyond that least is in no assignment of the node, so it is
// forbidden in the node and its children. The LP only bounds such a choice's weight fractionally.
import type { Model } from "./lp";

/**
 * The allowed columns (`forbidden[j] === 0`, column of unit u's choice k = unitStart[u] + k) that
 * fit in no assignment on the allowed columns, by the rows' least use; repeated while it finds
 * some (each pass on the columns it forbade too). `forbidden` is left as it was. Pure.
 */
export function capacityFixes(m: Model, unitStart: ArrayLike<number>, forbidden: ArrayLike<number>, maxPasses = 4): number[] {
  const { res, amt, cap } = m;
  const n = res.length;
  const R = cap.length;
  const out: number[] = [];
  const off = new Uint8Array(unitStart[n]!); // forbidden here (beyond `forbidden`)
  const least = new Float64Array(R); // Σ over units of the least use of the row
  const cnt = new Int32Array(R); // per unit (scratch): its allowed choices that use the row
  const mn = new Float64Array(R); // per unit (scratch): their least amount there
  const touched: number[] = [];
  const allowed = (j: number) => forbidden[j] === 0 && !off[j];
  // Unit u's least use per row into cnt/mn (rows in `touched`); its allowed choice count.
  const leastOf = (u: number): number => {
    touched.length = 0;
    let nk = 0;
    for (let k = 0; k < res[u]!.length; k++) {
      if (!allowed(unitStart[u]! + k)) continue;
      nk++;
      const rs = res[u]![k]!;
      const as = amt[u]![k]!;
      for (let i = 0; i < rs.length; i++) {
        const r = rs[i]!;
        if (cnt[r] === 0) (touched.push(r), (mn[r] = as[i]!));
        else mn[r] = Math.min(mn[r]!, as[i]!);
        cnt[r]!++;
      }
    }
    // A row some allowed choice leaves alone: that choice uses 0 of it.
    for (const r of touched) if (cnt[r]! < nk) mn[r] = Math.min(mn[r]!, 0);
    return nk;
  };
  const clear = () => {
    for (const r of touched) cnt[r] = 0;
  };
  for (let pass = 0; pass < maxPasses; pass++) {
    least.fill(0);
    for (let u = 0; u < n; u++) {
      if (leastOf(u) > 0) for (const r of touched) least[r]! += mn[r]!;
      clear();
    }
    let found = 0;
    for (let u = 0; u < n; u++) {
      const nk = leastOf(u);
      // With one allowed choice left the unit is fixed: its own use is already in `least`.
      if (nk > 1) {
        for (let k = 0; k < res[u]!.length; k++) {
          const j = unitStart[u]! + k;
          if (!allowed(j)) continue;
          const rs = res[u]![k]!;
          const as = amt[u]![k]!;
          for (let i = 0; i < rs.length; i++) {
            const r = rs[i]!;
            // Its amount beyond the unit's least use must fit in the row's room beyond everyone's least.
            if (as[i]! - mn[r]! > cap[r]! - least[r]! + 1e-9) {
              off[j] = 1;
              out.push(j);
              found++;
              break;
            }
          }
        }
      }
      clear();
    }
    if (found === 0) break;
  }
  return out;
}
