// Provider self-service API (offers by key). Owner: manage
import { createRouter } from "../../lib/openapi";

export const manageApi = createRouter();
