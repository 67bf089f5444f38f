// API keys, platform roles and the audit log, in Dutch; a missing key is a type error.
import type { frAdmin } from "./admin.fr";

export const nlAdmin = {
} as const satisfies Record<keyof typeof frAdmin, string>;
