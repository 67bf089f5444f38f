// Migrations (issue 11), in English; a missing key is a type error.
import type { frMigrations } from "./migrations.fr";

export const enMigrations = {
  "keys.scope_migrations_write": "Move migrations forward (migrations:write)",
  "migrations.mail.greeting": "Hello,",
  "migrations.mail.requested.subject": "Migration request from {org}",
  "migrations.mail.requested.body": "{org} asks you to take over the following services, which it is moving away from Cassiopea:",
  "migrations.mail.requested.act": "Accept or decline each service (with a reason), then schedule the move.",
  "migrations.mail.open": "See the migration:",
  "migrations.mail.moved.subject": "{service}: {state}",
  "migrations.mail.moved.body": "The service {service} of {org} (at {provider}) moved to “{state}”, by {who}.",
  "migrations.mail.note": "Message: {note}",
  "migrations.mail.scheduled_for": "Planned date: {date}",
  "migrations.mail.after_deadline": "Note: this date is after the transition's deadline.",
  "migrations.mail.act.declined": "Choose another offer for this service.",
  "migrations.mail.act.scheduled": "Get ready for that date; the checklist says what is left on your side.",
  "migrations.mail.act.cutover": "Check that the service works at the new host, then confirm it.",
  "migrations.mail.act.failed": "The move failed: read the message and choose what next (try elsewhere or cancel).",
  "migrations.mail.act.blocked": "The move is blocked: read the message and help unblock it.",
  "migrations.mail.act.cancelled": "The member cancelled the move of this service: nothing more to do.",
} satisfies Record<keyof typeof frMigrations, string>;
