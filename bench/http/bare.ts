// The baseline for bench/http: a bare Hono route in the same runtime, no middleware, no database.
import { Hono } from "hono";

const app = new Hono();
app.get("/bare", (c) => c.json({ ok: true }));
export default app;
