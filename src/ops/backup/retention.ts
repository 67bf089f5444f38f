// Pure: which backups to keep. One object per night, named by its instant; the newest 30 days are
// kept, and for each of the 12 newest months before that, the newest backup of that month.
export const KEEP_DAILY = 30;
export const KEEP_MONTHLY = 12;
export const BACKUP_PREFIX = "d1/";

/** `d1/2026-11-28T02-30-00Z.jsonl.gz`: sortable, and `:`-free for every tool that copies it. */
export function backupKey(at: Date): string {
  return `${BACKUP_PREFIX}${at.toISOString().slice(0, 19).replace(/:/g, "-")}Z.jsonl.gz`;
}

const KEY_RE = /^d1\/(\d{4})-(\d{2})-(\d{2})T\d{2}-\d{2}-\d{2}Z\.jsonl\.gz$/;

/** The keys to delete from a listing, at `now`. Keys this rule did not write are never touched. */
export function toPrune(keys: string[], now: Date): string[] {
  const ours = keys.filter((k) => KEY_RE.test(k)).sort().reverse(); // newest first
  const keep = new Set<string>();
  const dailyFrom = new Date(now.getTime() - KEEP_DAILY * 86_400_000).toISOString().slice(0, 10);
  const months = new Set<string>();
  for (const key of ours) {
    const [, y, m, d] = KEY_RE.exec(key)!;
    if (`${y}-${m}-${d}` > dailyFrom) {
      keep.add(key);
      continue;
    }
    const month = `${y}-${m}`;
    if (!months.has(month) && months.size < KEEP_MONTHLY) {
      months.add(month);
      keep.add(key);
    }
  }
  return ours.filter((k) => !keep.has(k));
}
