// The deploy plan (src/ops/deploy/plan.ts) against fakes of the wrangler CLI's outputs, for an
// empty account and for one already set up; and the id written into wrangler.toml.
import { describe, expect, it } from "vitest";
import wranglerToml from "../../wrangler.toml?raw";
import { plan, queueNames, renderPlan, withDatabaseId, type WorkerConfig } from "../../src/ops/deploy/plan";
import { REQUIRED_SECRETS } from "../../src/ops/deploy/secrets";
import { deployedUrl, parseD1List, parseQueuesList, parseR2BucketList, parseSecretList } from "../../src/ops/deploy/wrangler-output";
import { SCHEDULE } from "../../src/ops/schedule";

/** wrangler.toml as wrangler's own parser gives it (the parts the plan reads). */
const CONFIG: WorkerConfig = {
  name: "chatiere",
  d1_databases: [{ binding: "DB", database_name: "chatiere", database_id: "00000000-0000-0000-0000-000000000000", migrations_dir: "migrations" }],
  queues: { producers: [{ queue: "chatiere-mail" }], consumers: [{ queue: "chatiere-mail", dead_letter_queue: "chatiere-mail-dlq" }] },
  r2_buckets: [{ binding: "BACKUPS", bucket_name: "chatiere-backups" }],
  triggers: { crons: ["*/15 * * * *", "5,20,35,50 * * * *", "30 2 * * *", "0 7 * * *"] },
};
const DB_ID = "4b0cbd5e-6f0a-4a7e-9d57-1f1c2b3a4d5e";

// What each command prints (wrangler 4.84): banners, colours and all.
const FAKE = {
  d1Empty: "[]",
  d1: JSON.stringify([{ uuid: DB_ID, name: "chatiere", created_at: "2026-11-01T10:00:00.000Z", version: "production", num_tables: 24, file_size: 1_234_567 }, { uuid: "11111111-2222-3333-4444-555555555555", name: "other" }], null, 2),
  queuesEmpty: "\u001b[2m⛅️ wrangler 4.84.1\u001b[22m\n───────────────────\n┌────┬──────┬────────────┬─────────────┬───────────┬───────────┐\n│ id │ name │ created_on │ modified_on │ producers │ consumers │\n├────┼──────┼────────────┼─────────────┼───────────┼───────────┤\n└────┴──────┴────────────┴─────────────┴───────────┴───────────┘\n",
  queues: [
    " ⛅️ wrangler 4.84.1",
    "───────────────────",
    "┌──────────────────────────────────┬───────────────────┬─────────────────────────────┬─────────────────────────────┬───────────┬───────────┐",
    "│ \u001b[34mid\u001b[39m                               │ \u001b[34mname\u001b[39m              │ \u001b[34mcreated_on\u001b[39m                  │ modified_on                 │ producers │ consumers │",
    "├──────────────────────────────────┼───────────────────┼─────────────────────────────┼─────────────────────────────┼───────────┼───────────┤",
    "│ 3b1d2c9f0a6e4f1b8c7d6e5f4a3b2c1d │ chatiere-mail     │ 2026-11-01T10:00:00.000000Z │ 2026-11-01T10:00:00.000000Z │ 1         │ 1         │",
    "├──────────────────────────────────┼───────────────────┼─────────────────────────────┼─────────────────────────────┼───────────┼───────────┤",
    "│ 9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d │ chatiere-mail-dlq │ 2026-11-01T10:00:01.000000Z │ 2026-11-01T10:00:01.000000Z │ 0         │ 0         │",
    "└──────────────────────────────────┴───────────────────┴─────────────────────────────┴─────────────────────────────┴───────────┴───────────┘",
  ].join("\n"),
  r2Empty: " ⛅️ wrangler 4.84.1\n───────────────────\nListing buckets...\n",
  r2: " ⛅️ wrangler 4.84.1\n───────────────────\nListing buckets...\nname:           \u001b[90mchatiere-backups\u001b[39m\ncreation_date:  2026-11-01T10:00:02.000Z\n\nname:           logs\ncreation_date:  2026-10-01T10:00:00.000Z\n",
  secrets: JSON.stringify([{ name: "BETTER_AUTH_SECRET", type: "secret_text" }, { name: "MAIL_API_URL", type: "secret_text" }, { name: "MAIL_API_TOKEN", type: "secret_text" }], null, "  "),
};

describe("reading the wrangler CLI's outputs", () => {
  it("reads databases, queues, buckets and secrets", () => {
    expect(parseD1List(FAKE.d1)).toEqual([{ uuid: DB_ID, name: "chatiere" }, { uuid: "11111111-2222-3333-4444-555555555555", name: "other" }]);
    expect(parseQueuesList(FAKE.queues)).toEqual(["chatiere-mail", "chatiere-mail-dlq"]);
    expect(parseQueuesList(FAKE.queuesEmpty)).toEqual([]);
    expect(parseR2BucketList(FAKE.r2)).toEqual(["chatiere-backups", "logs"]);
    expect(parseR2BucketList(FAKE.r2Empty)).toEqual([]);
    expect(parseSecretList(FAKE.secrets)).toEqual(["BETTER_AUTH_SECRET", "MAIL_API_URL", "MAIL_API_TOKEN"]);
    expect(deployedUrl("Uploaded chatiere (3.1 sec)\nDeployed chatiere triggers (1.2 sec)\n  \u001b[36mhttps://chatiere.coop-bxl.workers.dev\u001b[39m\n  schedule: */15 * * * *")).toBe("https://chatiere.coop-bxl.workers.dev");
  });
  it("fails loudly on output it does not recognise", () => {
    expect(() => parseD1List("✘ [ERROR] Not logged in")).toThrow(/Unexpected output/);
    expect(() => parseQueuesList("│ a │ b │\n│ 1 │ 2 │")).toThrow(/no name column/);
  });
});

describe("the deploy plan", () => {
  it("an empty account: creates the database, every queue and DLQ, the bucket; writes the id; migrates; stops on secrets", () => {
    const p = plan(CONFIG, { databases: parseD1List(FAKE.d1Empty), queues: parseQueuesList(FAKE.queuesEmpty), buckets: parseR2BucketList(FAKE.r2Empty), secrets: null }, REQUIRED_SECRETS);
    expect(p.errors).toEqual([]);
    expect(p.steps).toEqual([
      { kind: "create-d1", binding: "DB", name: "chatiere" },
      { kind: "write-d1-id", binding: "DB", name: "chatiere", id: "from-create" },
      { kind: "create-queue", name: "chatiere-mail", dlq: false },
      { kind: "create-queue", name: "chatiere-mail-dlq", dlq: true },
      { kind: "create-bucket", name: "chatiere-backups" },
      { kind: "migrate", binding: "DB" },
      { kind: "deploy" },
      { kind: "smoke", path: "/healthz" },
    ]);
    expect(p.missingSecrets.map((s) => s.name)).toEqual(["BETTER_AUTH_SECRET", "MAIL_API_URL", "MAIL_API_TOKEN"]);
    const text = renderPlan(p);
    expect(text).toContain("1. create D1 database chatiere  (wrangler d1 create chatiere)");
    expect(text).toContain("4. create dead-letter queue chatiere-mail-dlq");
    expect(text).toContain("openssl rand -hex 32 | npx wrangler secret put BETTER_AUTH_SECRET");
  });

  it("an account already set up: nothing to create, the id written once, then migrate, deploy and smoke-test", () => {
    const account = { databases: parseD1List(FAKE.d1), queues: parseQueuesList(FAKE.queues), buckets: parseR2BucketList(FAKE.r2), secrets: parseSecretList(FAKE.secrets) };
    const first = plan(CONFIG, account, REQUIRED_SECRETS);
    expect(first.steps).toEqual([{ kind: "write-d1-id", binding: "DB", name: "chatiere", id: DB_ID }, { kind: "migrate", binding: "DB" }, { kind: "deploy" }, { kind: "smoke", path: "/healthz" }]);
    expect(first.missingSecrets).toEqual([]);
    expect(first.present).toEqual([
      `D1 database chatiere (${DB_ID})`,
      "queue chatiere-mail",
      "dead-letter queue chatiere-mail-dlq",
      "R2 bucket chatiere-backups",
      "secret BETTER_AUTH_SECRET",
      "secret MAIL_API_URL",
      "secret MAIL_API_TOKEN",
    ]);
    // Once the id is in the config, a second run plans no write: the command is idempotent.
    const again = plan({ ...CONFIG, d1_databases: [{ ...CONFIG.d1_databases![0]!, database_id: DB_ID }] }, account, REQUIRED_SECRETS);
    expect(again.steps.map((s) => s.kind)).toEqual(["migrate", "deploy", "smoke"]);
    expect(renderPlan(again)).not.toContain("Missing secrets");
  });

  it("picks up a queue added to the config later, and names a missing secret", () => {
    const config: WorkerConfig = { ...CONFIG, queues: { producers: [...CONFIG.queues!.producers!, { queue: "chatiere-webhooks" }], consumers: [...CONFIG.queues!.consumers!, { queue: "chatiere-webhooks", dead_letter_queue: "chatiere-webhooks-dlq" }] } };
    expect(queueNames(config).map((q) => q.name)).toEqual(["chatiere-mail", "chatiere-webhooks", "chatiere-mail-dlq", "chatiere-webhooks-dlq"]);
    const p = plan(config, { databases: parseD1List(FAKE.d1), queues: parseQueuesList(FAKE.queues), buckets: ["chatiere-backups"], secrets: ["BETTER_AUTH_SECRET", "MAIL_API_URL"] }, REQUIRED_SECRETS);
    expect(p.steps.filter((s) => s.kind === "create-queue")).toEqual([{ kind: "create-queue", name: "chatiere-webhooks", dlq: false }, { kind: "create-queue", name: "chatiere-webhooks-dlq", dlq: true }]);
    expect(p.missingSecrets.map((s) => s.name)).toEqual(["MAIL_API_TOKEN"]);
  });

  it("flags crons that wrangler.toml and the job schedule disagree on", () => {
    const p = plan({ ...CONFIG, triggers: { crons: ["*/15 * * * *", "5,20,35,50 * * * *", "0 7 * * *", "0 4 * * *"] } }, { databases: [], queues: [], buckets: [], secrets: [] }, []);
    expect(p.errors).toEqual([
      'wrangler.toml [triggers] lacks "30 2 * * *" (job backup in src/ops/schedule.ts)',
      'wrangler.toml [triggers] has "0 4 * * *" but no job in src/ops/schedule.ts runs on it',
    ]);
  });

  it("the real wrangler.toml names what this test's config says (crons, queues, bucket)", () => {
    const crons = /^crons\s*=\s*\[(.*)\]/m.exec(wranglerToml)![1]!.match(/"([^"]+)"/g)!.map((s) => s.slice(1, -1));
    expect(crons.sort()).toEqual([...new Set(SCHEDULE.map((j) => j.cron))].sort());
    expect(wranglerToml).toMatch(/bucket_name = "chatiere-backups"/);
    expect(wranglerToml).toMatch(/dead_letter_queue = "chatiere-mail-dlq"/);
  });
});

describe("writing the database id into wrangler.toml", () => {
  it("replaces the id of the named database only, keeping comments and layout", () => {
    const out = withDatabaseId(wranglerToml, "chatiere", DB_ID);
    expect(out).toContain(`database_id = "${DB_ID}"`);
    expect(out.replace(`database_id = "${DB_ID}"`, 'database_id = "00000000-0000-0000-0000-000000000000"')).toBe(wranglerToml);
    expect(withDatabaseId(out, "chatiere", DB_ID)).toBe(out);
  });
  it("adds the line when the block has none, and refuses an unknown database or a bad id", () => {
    const toml = '[[d1_databases]]\nbinding = "DB"\ndatabase_name = "chatiere"\n\n[vars]\nX = "1"\n';
    expect(withDatabaseId(toml, "chatiere", DB_ID)).toBe(`[[d1_databases]]\nbinding = "DB"\ndatabase_name = "chatiere"\ndatabase_id = "${DB_ID}"\n\n[vars]\nX = "1"\n`);
    expect(() => withDatabaseId(toml, "missing", DB_ID)).toThrow(/no \[\[d1_databases\]\] block named missing/);
    expect(() => withDatabaseId(toml, "chatiere", 'x" \nmain = "evil')).toThrow(/Not a D1 database id/);
  });
});
