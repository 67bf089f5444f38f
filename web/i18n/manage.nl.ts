// Provider self-service, moderation and offer versions, in Dutch; a missing key is a type error.
import type { frManage } from "./manage.fr";

export const nlManage = {
} as const satisfies Record<keyof typeof frManage, string>;
