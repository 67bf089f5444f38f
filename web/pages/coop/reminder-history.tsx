// The reminders an invoice received (the dunning job's notices): date and level, and whether a mail
// left. Shown on the coop_admin's invoice page and the member's; nothing at all while there are none.
import type { DunningNoticeRow } from "../../../src/db/schema";
import { formatDay } from "../../components/format";
import type { PageProps } from "../../components/layout";
import { TableHead } from "../../components/table";

export function ReminderHistory(props: Pick<PageProps, "t" | "lang"> & { notices: readonly Pick<DunningNoticeRow, "step" | "sentOn" | "outboxId">[] }) {
  const { t, lang, notices } = props;
  if (notices.length === 0) return null;
  return (
    <section aria-labelledby="reminders-title">
      <h2 id="reminders-title">{t("dunning.history.title")}</h2>
      <div class="table-scroll" tabindex={0}>
        <table>
          <caption class="visually-hidden">{t("dunning.history.title")}</caption>
          <TableHead cols={[t("dunning.history.col_date"), t("dunning.history.col_level"), t("dunning.history.col_sent")]} />
          <tbody>
            {notices.map((n) => (
              <tr>
                <td>{formatDay(n.sentOn, lang)}</td>
                <td>{t(`dunning.step.${n.step}`)}</td>
                <td>{n.outboxId ? t("dunning.history.mailed") : t("dunning.history.not_mailed")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
