// A member organisation's subscriptions to the cooperative's plans in the member export, with the
// history of their terms, as the API shows them.
import type { ExportPart } from "../../lib/export";
import { dto } from "./dto";
import { listSubscriptions } from "./service";

export const subscriptionsExport: ExportPart = {
  feature: "coop/subscriptions",
  kinds: ["member"],
  async build(db, org) {
    return { subscriptions: (await listSubscriptions(db, new Date(), org.id)).map(dto) };
  },
};
