// Pure: what `npm run deploy` must do, from the Worker's config (wrangler.toml, parsed) and what the
// account has (the wrangler CLI's listings, parsed). The same plan is printed by --dry-run and
// carried out otherwise (scripts/deploy.mjs). Queues, dead-letter queues, buckets and databases are
// read from the config, so one added to wrangler.toml later is created without touching this file.
import { SCHEDULE } from "../schedule";
import type { RequiredSecret } from "./secrets";

/** The parts of the wrangler config the plan reads (wrangler's own parser gives a superset). */
export interface WorkerConfig {
  name: string;
  d1_databases?: { binding: string; database_name?: string; database_id?: string; migrations_dir?: string }[];
  queues?: { producers?: { queue: string }[]; consumers?: { queue: string; dead_letter_queue?: string }[] };
  r2_buckets?: { binding: string; bucket_name?: string }[];
  triggers?: { crons?: string[] };
}

export interface AccountState {
  databases: { uuid: string; name: string }[];
  queues: string[];
  buckets: string[];
  /** null: the Worker does not exist yet (first deploy), so it has no secrets. */
  secrets: string[] | null;
}

export type Step =
  | { kind: "create-d1"; binding: string; name: string }
  | { kind: "write-d1-id"; binding: string; name: string; id: string | "from-create" }
  | { kind: "create-queue"; name: string; dlq: boolean }
  | { kind: "create-bucket"; name: string }
  | { kind: "migrate"; binding: string }
  | { kind: "deploy" }
  | { kind: "smoke"; path: "/healthz" };

export interface Plan {
  steps: Step[];
  /** Present but fine: shown so a dry run says what was checked. */
  present: string[];
  /** Required secrets the Worker lacks: the plan stops before deploying. */
  missingSecrets: RequiredSecret[];
  /** Config errors that must be fixed by hand first. */
  errors: string[];
}

const PLACEHOLDER_ID = /^0{8}-0{4}-0{4}-0{4}-0{12}$/;

/** Every queue the config names: producers, consumers and their dead-letter queues. */
export function queueNames(config: WorkerConfig): { name: string; dlq: boolean }[] {
  const out = new Map<string, boolean>();
  for (const p of config.queues?.producers ?? []) out.set(p.queue, out.get(p.queue) ?? false);
  for (const c of config.queues?.consumers ?? []) {
    out.set(c.queue, out.get(c.queue) ?? false);
    if (c.dead_letter_queue) out.set(c.dead_letter_queue, true);
  }
  return [...out].map(([name, dlq]) => ({ name, dlq }));
}

export function plan(config: WorkerConfig, account: AccountState, required: readonly RequiredSecret[]): Plan {
  const steps: Step[] = [];
  const present: string[] = [];
  const errors: string[] = [];

  for (const db of config.d1_databases ?? []) {
    const name = db.database_name;
    if (!name) {
      errors.push(`d1_databases binding ${db.binding} has no database_name`);
      continue;
    }
    const found = account.databases.find((d) => d.name === name);
    if (!found) {
      steps.push({ kind: "create-d1", binding: db.binding, name }, { kind: "write-d1-id", binding: db.binding, name, id: "from-create" });
    } else {
      present.push(`D1 database ${name} (${found.uuid})`);
      if (db.database_id !== found.uuid) steps.push({ kind: "write-d1-id", binding: db.binding, name, id: found.uuid });
      else if (PLACEHOLDER_ID.test(found.uuid)) errors.push(`D1 database ${name} has a placeholder id`);
    }
  }
  for (const q of queueNames(config)) {
    if (account.queues.includes(q.name)) present.push(`${q.dlq ? "dead-letter queue" : "queue"} ${q.name}`);
    else steps.push({ kind: "create-queue", name: q.name, dlq: q.dlq });
  }
  for (const b of config.r2_buckets ?? []) {
    if (!b.bucket_name) {
      errors.push(`r2_buckets binding ${b.binding} has no bucket_name`);
      continue;
    }
    if (account.buckets.includes(b.bucket_name)) present.push(`R2 bucket ${b.bucket_name}`);
    else steps.push({ kind: "create-bucket", name: b.bucket_name });
  }
  const crons = config.triggers?.crons ?? [];
  for (const job of SCHEDULE) if (!crons.includes(job.cron)) errors.push(`wrangler.toml [triggers] lacks "${job.cron}" (job ${job.name} in src/ops/schedule.ts)`);
  for (const cron of crons) if (!SCHEDULE.some((j) => j.cron === cron)) errors.push(`wrangler.toml [triggers] has "${cron}" but no job in src/ops/schedule.ts runs on it`);

  for (const db of config.d1_databases ?? []) if (db.database_name) steps.push({ kind: "migrate", binding: db.binding });
  const have = account.secrets ?? [];
  const missingSecrets = required.filter((s) => !have.includes(s.name));
  for (const s of required) if (have.includes(s.name)) present.push(`secret ${s.name}`);
  steps.push({ kind: "deploy" }, { kind: "smoke", path: "/healthz" });
  return { steps, present, missingSecrets, errors };
}

export function describeStep(step: Step): string {
  switch (step.kind) {
    case "create-d1":
      return `create D1 database ${step.name}  (wrangler d1 create ${step.name})`;
    case "write-d1-id":
      return `write database_id of ${step.name} into wrangler.toml (${step.id === "from-create" ? "the new database's id" : step.id})`;
    case "create-queue":
      return `create ${step.dlq ? "dead-letter queue" : "queue"} ${step.name}  (wrangler queues create ${step.name})`;
    case "create-bucket":
      return `create R2 bucket ${step.name}  (wrangler r2 bucket create ${step.name})`;
    case "migrate":
      return `apply D1 migrations to ${step.binding}  (wrangler d1 migrations apply ${step.binding} --remote)`;
    case "deploy":
      return "deploy the Worker  (wrangler deploy)";
    case "smoke":
      return `smoke-test GET ${step.path} on the deployed Worker`;
  }
}

/** The plan as the dry run prints it. */
export function renderPlan(p: Plan): string {
  const lines: string[] = [];
  if (p.errors.length) lines.push("Fix in wrangler.toml first:", ...p.errors.map((e) => `  ✗ ${e}`), "");
  if (p.present.length) lines.push("Already there:", ...p.present.map((s) => `  ✓ ${s}`), "");
  lines.push("Plan:", ...p.steps.map((s, i) => `  ${i + 1}. ${describeStep(s)}`));
  if (p.missingSecrets.length) {
    lines.push("", "Missing secrets (the deploy stops before step 'deploy' until they are set):");
    for (const s of p.missingSecrets) lines.push(`  ✗ ${s.name}: ${s.why}`, `      ${s.how}`);
  }
  return lines.join("\n");
}

/**
 * wrangler.toml with `database_id` of the [[d1_databases]] block named `databaseName` set to `id`,
 * everything else (comments, order) untouched. The id is not a secret: it is committed like the
 * rest of the config, so `wrangler dev`, `wrangler d1 …` and CI read the same file without hand edits.
 */
export function withDatabaseId(toml: string, databaseName: string, id: string): string {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new Error(`Not a D1 database id: ${id}`);
  const blocks = toml.split(/(?=^\[\[?[^\]]+\]\]?\s*$)/m);
  let done = false;
  const out = blocks.map((block) => {
    if (!/^\[\[d1_databases\]\]/.test(block) || !new RegExp(`^database_name\\s*=\\s*"${databaseName.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"`, "m").test(block)) return block;
    done = true;
    return /^database_id\s*=/m.test(block) ? block.replace(/^database_id\s*=\s*"[^"]*"/m, `database_id = "${id}"`) : block.replace(/^(database_name\s*=.*)$/m, `$1\ndatabase_id = "${id}"`);
  });
  if (!done) throw new Error(`wrangler.toml has no [[d1_databases]] block named ${databaseName}`);
  return out.join("");
}
