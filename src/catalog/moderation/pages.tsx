// Steward moderation queue. Owner: manage
import { Hono } from "hono";
import type { AppEnv } from "../../env";

export const moderationPages = new Hono<AppEnv>();
