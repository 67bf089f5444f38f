// Every feature's part of an organisation's export, in the order its keys appear. A feature that
// stores something about an organisation adds its part here (and only here).
import { auditExport } from "../audit-export";
import { keysExport } from "../keys/export";
import { billingExport } from "../../coop/invoices/export";
import { subscriptionsExport } from "../../coop/subscriptions/export";
import { paymentsExport } from "../../coop/payments/member-export";
import { sharesExport } from "../../coop/shares/export";
import { manageExport } from "../../catalog/manage/export";
import type { ExportPart } from "../../lib/export";
import { savedExport } from "../../matching/saved/export";
import { inventoryExport } from "../../transition/inventory/export";
import { migrationsExport } from "../../transition/migrations/export";
import { controlExport } from "../../transition/control/export";
import { proposalsExport } from "../../transition/proposals/export";

export const EXPORT_PARTS: readonly ExportPart[] = [keysExport, auditExport, manageExport, savedExport, inventoryExport, migrationsExport, proposalsExport, controlExport, billingExport, subscriptionsExport, paymentsExport, sharesExport];
