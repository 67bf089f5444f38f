// API keys, platform roles and the audit log, in English; a missing key is a type error.
import type { frAdmin } from "./admin.fr";

export const enAdmin = {
} as const satisfies Record<keyof typeof frAdmin, string>;
