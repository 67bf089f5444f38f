// D1 binds at most 100 parameters per statement: a query over a list of ids that may be long runs
// once per chunk of the list, and the rows are put together in order of the chunks.
export const D1_MAX_PARAMS = 100;

/** Runs `query` over `ids` in chunks that leave room for `otherParams` more bound values. */
export async function inChunks<T>(ids: readonly string[], query: (chunk: string[]) => Promise<T[]>, otherParams = 0): Promise<T[]> {
  const size = D1_MAX_PARAMS - otherParams - 1;
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += size) out.push(...(await query(ids.slice(i, i + size))));
  return out;
}
