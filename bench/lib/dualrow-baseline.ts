// A frozen copy of lp.ts's GubLp.dualRow at fab70e9 (before branch pivotspeed), `this` as `lp`, kept ONLY
// so bench:assign-pivotspeed-replay can time it against the current one on the same captured rows.
// Nothing in src/ or tests/ uses it; do not fix or improve it.
/* eslint-disable @typescript-eslint/no-explicit-any */
const PIVOT_TOL = 1e-9;
const SPARSE_ROW = 0.5;
const NONBASIC = -1;

export function dualRowBase(lp: any, dir: number): number {
  const { R, colUnit, colStart, colRes, colAmt, kappa, cost, y2, pi2, candJ, candA, candD, elig, kappaAt, key, rho } = lp;
  // κ_u when the pass first meets a column of u (kappaAt): many units have no eligible column.
  const row = ++lp.kappaRow;
  // The sparse pass: α_j is exactly 0 (never a candidate) unless a row of j or of its unit's key
  // has ρ ≠ 0, so only those columns are computed (each as in the full pass: the same bits, and the
  // choice below does not depend on the candidates' order), when the row lists say that is fewer.
  const ix = lp.ix!;
  const { rowAt, rowElN, keyN } = ix;
  let work = 0;
  for (let r = 0; r < R; r++) if (rho[r] !== 0) work += rowElN[r]! + keyN[r]!;
  let list = elig;
  let nE = lp.nElig;
  if (work < SPARSE_ROW * nE) {
    const { rowEl, keyEl, keyW, entCol, colSeen, todo } = ix;
    const { unitStart, pos, forbidden } = lp;
    let nT = 0;
    // Units whose key ρ reaches (κ_u ≠ 0): every eligible column of theirs.
    for (let r = 0; r < R; r++) {
      if (rho[r] === 0) continue;
      for (let s = rowAt[r]!, e = s + keyN[r]!; s < e; s++) {
        const u = (keyEl[s]! / keyW) | 0;
        if (kappaAt[u] === row) continue;
        kappaAt[u] = row;
        const k = key[u]!;
        let v = 0;
        for (let i = colStart[k]!, f = colStart[k + 1]!; i < f; i++) v += rho[colRes[i]!]! * colAmt[i]!;
        kappa[u] = v;
        if (v === 0) continue;
        for (let j = unitStart[u]!, f = unitStart[u + 1]!; j < f; j++) {
          if (pos[j] !== NONBASIC || forbidden[j]! > 0 || colSeen[j] === row) continue;
          colSeen[j] = row;
          todo[nT++] = j;
        }
      }
    }
    // The eligible columns on ρ's rows.
    for (let r = 0; r < R; r++) {
      if (rho[r] === 0) continue;
      for (let s = rowAt[r]!, e = s + rowElN[r]!; s < e; s++) {
        const j = entCol[rowEl[s]!]!;
        if (colSeen[j] === row) continue;
        colSeen[j] = row;
        todo[nT++] = j;
      }
    }
    list = todo;
    nE = nT;
  }
  let n = 0;
  let thetaMax = Infinity;
  for (let q = 0; q < nE; q++) {
    const j = list[q]!;
    const u = colUnit[j]!;
    let a = 0;
    if (u >= 0) {
      if (kappaAt[u] !== row) {
        kappaAt[u] = row;
        const k = key[u]!;
        let v = 0;
        for (let i = colStart[k]!, e = colStart[k + 1]!; i < e; i++) v += rho[colRes[i]!]! * colAmt[i]!;
        kappa[u] = v;
      }
      a = -kappa[u]!;
    }
    const s0 = colStart[j]!;
    const s1 = colStart[j + 1]!;
    for (let i = s0; i < s1; i++) a += rho[colRes[i]!]! * colAmt[i]!;
    if (dir > 0 ? a <= PIVOT_TOL : dir < 0 ? a >= -PIVOT_TOL : Math.abs(a) <= PIVOT_TOL) continue;
    const aa = Math.abs(a);
    if (u >= 0) lp.unitDuals(u);
    let d = cost[j]! - (u >= 0 ? pi2[u]! : 0);
    for (let i = s0; i < s1; i++) d -= y2[colRes[i]!]! * colAmt[i]!;
    candJ[n] = j;
    candA[n] = aa;
    candD[n++] = d;
    // Harris: the longest dual step that keeps every reduced cost above −dualTol.
    const ub = (Math.max(d, 0) + lp.dualTol) / aa;
    if (ub < thetaMax) thetaMax = ub;
  }
  lp.rowThetaMax = thetaMax;
  return n;
}
