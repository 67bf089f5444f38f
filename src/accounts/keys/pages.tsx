// API key pages. Owner: admin
import { Hono } from "hono";
import type { AppEnv } from "../../env";

export const keyPages = new Hono<AppEnv>();
