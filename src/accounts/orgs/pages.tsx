// Organisation pages (member space, members, invitations). Owner: orgs
import { Hono } from "hono";
import type { AppEnv } from "../../env";

export const orgPages = new Hono<AppEnv>();
