// The channels this deployment delivers. A new channel (Peppol) adds its entry here, a producer
// binding and a consumer with a dead-letter queue in wrangler.toml.
import { mailChannel } from "../mail/channel";
import { webhookChannel } from "../webhooks/outbound/channel";
import type { ChannelRegistry } from "./channel";

export const CHANNELS: ChannelRegistry = { mail: mailChannel, webhook: webhookChannel };
