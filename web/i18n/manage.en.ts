// Provider self-service, moderation and offer versions, in English; a missing key is a type error.
import type { frManage } from "./manage.fr";

export const enManage = {
} as const satisfies Record<keyof typeof frManage, string>;
