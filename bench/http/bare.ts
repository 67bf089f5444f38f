// The baselines for bench/http: a bare Hono route in the same runtime, no middleware, no database;
// and the same bare route running the directory's page query on the same D1 (what the database
// alone costs, so the directory's own overhead can be read apart from it).
import { Hono } from "hono";

const app = new Hono<{ Bindings: { DB: D1Database } }>();
app.get("/bare", (c) => c.json({ ok: true }));
app.get("/bare-d1", async (c) => {
  const { results } = await c.env.DB.prepare("select * from providers where visibility = 'public' order by name, id limit 21").all();
  return c.json({ items: results });
});
export default app;
