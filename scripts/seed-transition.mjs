// `npm start`'s transition demo (issue 15): fictional member organisations with services, and
// migrations whose items moved over the past eight weeks — some done, some under way, some stuck for
// weeks, one scheduled after the deadline, a third of the members without a plan — so /transition
// shows a real burn-down. Pure: returns SQL for `wrangler d1 execute`. It does nothing when any
// migration item exists already, so restarting adds nothing.
const DAY = 86_400_000;
const KINDS = ["mailbox", "mailbox", "web_hosting", "mail_alias", "mailing_list", "domain_registration", "dns_hosting"];
const NAMES = ["Les Amis du Parc", "Ligue des Familles d'Ixelles", "Repair Café Saint-Gilles", "Vélo-Cité", "Chorale La Cigale", "Maison de Quartier Bonnevie", "Potager Collectif Flagey", "Bibliothèque Sans Frontières BXL", "Théâtre de Poche asbl", "Groupe d'Entraide Molenbeek", "Ciné-Club Nova", "Zero Waste Bruxelles", "Oxfam Jette", "Les Jardins de Forest", "Buurthuis De Linde", "Cercle d'Échecs d'Uccle", "École des Devoirs Anderlecht", "Atelier Vélo Schaerbeek", "Fanfare du Midi", "Collectif Logement Solidaire", "Radio Panik", "Maison Verte et Bleue", "Coopérative Alimentaire BEES", "Cultures & Santé"];
const q = (s) => `'${String(s).replaceAll("'", "''")}'`;

function serviceOf(kind, domain, i) {
  switch (kind) {
    case "mailbox":
      return { kind, address: `${i % 2 ? "info" : "bureau"}@${domain}`, quota_mb: 2048, used_mb: 300 + i * 37 };
    case "web_hosting":
      return { kind, host: `www.${domain}`, software: "WordPress", disk_mb: 900, database_mb: 80 };
    case "mail_alias":
      return { kind, address: `contact@${domain}`, targets: [`info@${domain}`] };
    case "mailing_list":
      return { kind, address: `membres@${domain}`, subscribers: 40 + i, archive_mb: 20, owners: [`info@${domain}`] };
    case "domain_registration":
      return { kind, name: domain, registrar: "Cassiopea", expires_on: "2028-03-01", dns_hosted: true, records: [] };
    default:
      return { kind: "dns_hosting", name: domain, records: [] };
  }
}

export function demoTransitionSql(now = new Date()) {
  const iso = (daysBack) => new Date(now.getTime() - daysBack * DAY).toISOString();
  const guard = "NOT EXISTS (SELECT 1 FROM migration_items WHERE id NOT LIKE 'mit_demotr%')";
  const out = [];
  NAMES.forEach((name, n) => {
    const org = `org_demotransition${String(n).padStart(2, "0")}`;
    const domain = `${name.toLowerCase().normalize("NFD").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 30)}.example.be`;
    out.push(`INSERT INTO organisations (id, kind, name, external_ref, contact_email, language, created_at, updated_at) SELECT ${q(org)}, 'member', ${q(name)}, ${q(`demo-transition-${n}`)}, ${q(`info@${domain}`)}, ${q(n % 4 === 3 ? "nl" : "fr")}, ${q(iso(60))}, ${q(iso(60))} WHERE ${guard} AND NOT EXISTS (SELECT 1 FROM organisations WHERE id = ${q(org)});`);
    const count = 3 + (n % 4);
    const services = [];
    for (let k = 0; k < count; k++) {
      const s = serviceOf(KINDS[(n + k) % KINDS.length], domain, n + k);
      const key = `${s.kind}:${s.address ?? s.host ?? s.name}`;
      const id = `svc_demotr${String(n).padStart(2, "0")}${k}`;
      if (services.some((x) => x.key === key)) continue;
      services.push({ id, key, kind: s.kind });
      out.push(`INSERT INTO inventory_services (id, org_id, kind, natural_key, service, created_at, updated_at) SELECT ${q(id)}, ${q(org)}, ${q(s.kind)}, ${q(key)}, ${q(JSON.stringify(s))}, ${q(iso(56 - (n % 3)))}, ${q(iso(56))} WHERE ${guard} AND EXISTS (SELECT 1 FROM organisations WHERE id = ${q(org)}) AND NOT EXISTS (SELECT 1 FROM inventory_services WHERE id = ${q(id)});`);
    }
    // A third of the members have no plan yet.
    if (n % 3 === 2) return;
    const mig = `mig_demotransition${String(n).padStart(2, "0")}`;
    out.push(`INSERT INTO migrations (id, org_id, requested_at, version, created_at, updated_at) SELECT ${q(mig)}, ${q(org)}, ${q(iso(50 - n))}, 2, ${q(iso(52 - n))}, ${q(iso(50 - n))} WHERE ${guard} AND EXISTS (SELECT 1 FROM organisations WHERE id = ${q(org)}) AND NOT EXISTS (SELECT 1 FROM migrations WHERE id = ${q(mig)});`);
    services.forEach((s, k) => {
      const r = (n * 7 + k * 3) % 10;
      // done (half), copying, scheduled, accepted and silent for three weeks (stuck), requested.
      const [state, back] = r < 5 ? ["done", 45 - ((n * 5 + k * 11) % 44)] : r === 5 ? ["copying", 2] : r === 6 ? ["scheduled", 4] : r === 7 ? ["accepted", 21] : ["requested", 6];
      const scheduled = state === "scheduled" ? (n % 5 === 0 ? "2028-01-15" : new Date(now.getTime() + (20 + n) * DAY).toISOString().slice(0, 10)) : null;
      const item = `mit_demotr${String(n).padStart(2, "0")}${k}`;
      const offer = `(SELECT id FROM offers WHERE status = 'published' AND service = ${q(s.kind === "mail_alias" ? "mail_alias" : s.kind)} ORDER BY id LIMIT 1 OFFSET ${(n + k) % 3})`;
      const fallback = `(SELECT id FROM offers WHERE status = 'published' AND service = ${q(s.kind)} ORDER BY id LIMIT 1)`;
      out.push(
        `INSERT INTO migration_items (id, migration_id, org_id, inventory_id, kind, offer_id, provider_id, state, scheduled_for, last_move_at, version, created_at, updated_at) SELECT ${q(item)}, ${q(mig)}, ${q(org)}, ${q(s.id)}, ${q(s.kind)}, o.id, o.provider_id, ${q(state)}, ${scheduled ? q(scheduled) : "NULL"}, ${q(iso(back))}, 2, ${q(iso(50 - n))}, ${q(iso(back))} FROM offers o WHERE o.id = COALESCE(${offer}, ${fallback}) AND ${guard} AND EXISTS (SELECT 1 FROM migrations WHERE id = ${q(mig)}) AND NOT EXISTS (SELECT 1 FROM migration_items WHERE id = ${q(item)});`,
        `INSERT INTO migration_events (id, migration_id, item_id, item_version, kind, from_state, to_state, role, occurred_at, recorded_at) SELECT ${q(`mev_demotr${String(n).padStart(2, "0")}${k}`)}, ${q(mig)}, ${q(item)}, 2, 'move', 'requested', ${q(state)}, 'provider', ${q(iso(back))}, ${q(iso(back))} WHERE EXISTS (SELECT 1 FROM migration_items WHERE id = ${q(item)}) AND NOT EXISTS (SELECT 1 FROM migration_events WHERE item_id = ${q(item)});`,
      );
    });
  });
  return out.join("\n");
}
