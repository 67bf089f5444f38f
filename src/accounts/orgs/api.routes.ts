// /api/v1/me/* (export). Owner: orgs
import { createRouter } from "../../lib/openapi";

export const meApi = createRouter();
