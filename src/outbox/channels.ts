// The channels this deployment delivers: mail, provider webhooks, Peppol e-invoices. A new channel adds its entry here, a producer
// binding and a consumer with a dead-letter queue in wrangler.toml.
import { peppolChannel } from "../coop/peppol/channel";
import { mailChannel } from "../mail/channel";
import { webhookChannel } from "../webhooks/outbound/channel";
import type { ChannelRegistry } from "./channel";

export const CHANNELS: ChannelRegistry = { mail: mailChannel, webhook: webhookChannel, peppol: peppolChannel };
