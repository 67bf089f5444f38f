// Steward API: audit log. Owner: admin
import { createRouter } from "../lib/openapi";

export const adminApi = createRouter();
