// Frozen copies of lp.ts's GubLp.dualRow, exchange and ftran at fab70e9 (before branch pivotspeed), `this` as `lp`, kept ONLY
// so bench:assign-pivotspeed-replay can time it against the current one on the same captured rows.
// Nothing in src/ or tests/ uses it; do not fix or improve it.
/* eslint-disable @typescript-eslint/no-explicit-any */
const PIVOT_TOL = 1e-9;
const SPARSE_ROW = 0.5;
const NONBASIC = -1;
const DROP = 1e-14;

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

export function exchangeBase(lp: any, e: number, p0: number, theta: number) {
  const { R, w } = lp;
  const piv = w[p0]!;
  const binv = lp.binv;
  const o0 = p0 * R;
  // The new row p0 (the old one over the pivot), its nonzeros gathered once: the row operations
  // and the duals' step touch only those.
  // Its values are gathered too (rv), so the update's inner loop reads them contiguously.
  const nz = lp.nz;
  const rv = lp.row;
  let nnz = 0;
  for (let r = 0; r < R; r++) {
    const v = binv[o0 + r]!;
    if (v === 0) continue;
    const nv = v / piv;
    binv[o0 + r] = nv;
    rv[nnz] = nv;
    nz[nnz++] = r;
  }
  // The other rows with w_p ≠ 0, four at a time: each (column, value) of the pivot row read once
  // for four rows. The same operation on each entry as row by row, so the same bits (the update
  // −13 % in a replay of captured pivots, 1000 × 45 and 2000 × 60).
  const rows = lp.nz2;
  let nr = 0;
  for (let p = 0; p < R; p++) if (p !== p0 && w[p] !== 0) rows[nr++] = p;
  let k = 0;
  for (; k + 3 < nr; k += 4) {
    const pa = rows[k]!;
    const pb = rows[k + 1]!;
    const pc = rows[k + 2]!;
    const pd = rows[k + 3]!;
    const fa = w[pa]!;
    const fb = w[pb]!;
    const fc = w[pc]!;
    const fd = w[pd]!;
    const oa = pa * R;
    const ob = pb * R;
    const oc = pc * R;
    const od = pd * R;
    for (let i = 0; i < nnz; i++) {
      const c = nz[i]!;
      const g = rv[i]!;
      const va = binv[oa + c]! - fa * g;
      binv[oa + c] = Math.abs(va) < DROP ? 0 : va;
      const vb = binv[ob + c]! - fb * g;
      binv[ob + c] = Math.abs(vb) < DROP ? 0 : vb;
      const vc = binv[oc + c]! - fc * g;
      binv[oc + c] = Math.abs(vc) < DROP ? 0 : vc;
      const vd = binv[od + c]! - fd * g;
      binv[od + c] = Math.abs(vd) < DROP ? 0 : vd;
    }
  }
  for (; k < nr; k++) {
    const p = rows[k]!;
    const f = w[p]!;
    const o = p * R;
    for (let i = 0; i < nnz; i++) {
      const at = o + nz[i]!;
      const v = binv[at]! - f * rv[i]!;
      binv[at] = Math.abs(v) < DROP ? 0 : v;
    }
  }
  // Duals: y' = y + d_e · (new row p0), which keeps every other basic reduced cost at 0 and makes
  // the entering one 0. Every π_u is stale now (recomputed when next needed).
  const d1 = lp.enter1;
  const d2 = lp.enter2;
  const { y1, y2 } = lp;
  for (let i = 0; i < nnz; i++) y2[nz[i]!]! += d2 * rv[i]!;
  if (lp.level1) for (let i = 0; i < nnz; i++) y1[nz[i]!]! += d1 * rv[i]!;
  lp.stamp++;
  const left = lp.basis[p0]!;
  lp.pos[left] = NONBASIC;
  lp.basis[p0] = e;
  lp.pos[e] = p0;
  lp.xw[p0] = theta;
  if (lp.level1 && lp.forbidden[left]! > 0) lp.checkLevel1();
}

export function ftranBase(lp: any) {
  const { R, t, w, binv, nz, tv } = lp;
  let n = 0;
  for (let r = 0; r < R; r++) {
    if (t[r] === 0) continue;
    tv[n] = t[r]!;
    nz[n++] = r;
  }
  let p = 0;
  for (; p + 3 < R; p += 4) {
    const o0 = p * R;
    const o1 = o0 + R;
    const o2 = o1 + R;
    const o3 = o2 + R;
    let v0 = 0;
    let v1 = 0;
    let v2 = 0;
    let v3 = 0;
    for (let i = 0; i < n; i++) {
      const r = nz[i]!;
      const x = tv[i]!;
      v0 += binv[o0 + r]! * x;
      v1 += binv[o1 + r]! * x;
      v2 += binv[o2 + r]! * x;
      v3 += binv[o3 + r]! * x;
    }
    w[p] = Math.abs(v0) < DROP ? 0 : v0;
    w[p + 1] = Math.abs(v1) < DROP ? 0 : v1;
    w[p + 2] = Math.abs(v2) < DROP ? 0 : v2;
    w[p + 3] = Math.abs(v3) < DROP ? 0 : v3;
  }
  for (; p < R; p++) {
    const o = p * R;
    let v = 0;
    for (let i = 0; i < n; i++) v += binv[o + nz[i]!]! * tv[i]!;
    w[p] = Math.abs(v) < DROP ? 0 : v;
  }
}
