// Steward pages: people and roles, audit log. Owner: admin
import { Hono } from "hono";
import type { AppEnv } from "../env";

export const adminPages = new Hono<AppEnv>();
