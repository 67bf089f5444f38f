// Provider self-service pages. Owner: manage
import { Hono } from "hono";
import type { AppEnv } from "../../env";

export const managePages = new Hono<AppEnv>();
