// Migrations (issue 11), in Dutch; a missing key is a type error.
import type { frMigrations } from "./migrations.fr";

export const nlMigrations = {
  "keys.scope_migrations_write": "Migraties vooruithelpen (migrations:write)",
  "migrations.mail.greeting": "Hallo,",
  "migrations.mail.requested.subject": "Migratieaanvraag van {org}",
  "migrations.mail.requested.body": "{org} vraagt u de volgende diensten over te nemen, die het bij Cassiopea verlaat:",
  "migrations.mail.requested.act": "Aanvaard of weiger elke dienst (met een reden) en plan daarna de migratie.",
  "migrations.mail.open": "Bekijk de migratie:",
  "migrations.mail.moved.subject": "{service}: {state}",
  "migrations.mail.moved.body": "De dienst {service} van {org} (bij {provider}) is naar de stap ‘{state}’ gegaan, door {who}.",
  "migrations.mail.note": "Bericht: {note}",
  "migrations.mail.scheduled_for": "Geplande datum: {date}",
  "migrations.mail.after_deadline": "Let op: deze datum valt na de deadline van de transitie.",
  "migrations.mail.act.declined": "Kies een ander aanbod voor deze dienst.",
  "migrations.mail.act.scheduled": "Bereid u voor op die datum; de checklist zegt wat er aan uw kant nog moet gebeuren.",
  "migrations.mail.act.cutover": "Controleer of de dienst werkt bij de nieuwe host en bevestig het daarna.",
  "migrations.mail.act.failed": "De migratie is mislukt: lees het bericht en kies hoe verder (elders opnieuw proberen of annuleren).",
  "migrations.mail.act.blocked": "De migratie zit vast: lees het bericht en help de blokkering op te heffen.",
  "migrations.mail.act.cancelled": "Het lid heeft de migratie van deze dienst geannuleerd: er hoeft niets meer te gebeuren.",
} satisfies Record<keyof typeof frMigrations, string>;
