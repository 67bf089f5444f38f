// The accountant's export on /coop/invoices: a GET form (no script needed) to the export API, which
// the coop_admin's session may call, answering the ZIP of both CSVs and every document's UBL.
import { TextField } from "../../components/form";
import type { PageProps } from "../../components/layout";

export function BillingExportForm(props: Pick<PageProps, "t">) {
  const { t } = props;
  return (
    <form method="get" action="/api/v1/exports/billing" class="filters" aria-labelledby="billing-export-title">
      <h2 id="billing-export-title">{t("billing.export.title")}</h2>
      <p class="hint">{t("billing.export.lead")}</p>
      <input type="hidden" name="format" value="zip" />
      <TextField id="export-from" name="from" type="date" label={t("billing.export.from")} required value="" />
      <TextField id="export-to" name="to" type="date" label={t("billing.export.to")} required value="" />
      <button type="submit">{t("billing.export.submit")}</button>
    </form>
  );
}
