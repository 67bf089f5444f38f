// The comparison basket carried in the URL (`?offers=a,b`) so that offers from several providers
// can be compared without JavaScript: already chosen offers stay ticked in every compare form.
import type { OfferWithProvider } from "../../src/catalog/repository";
import { isLang, type Lang, type T } from "../i18n";
import { serviceLabel } from "./labels";
import { priceText } from "./price";

/** The most offers the comparison shows side by side. */
export const MAX_COMPARE = 4;

/** Ticked checkboxes for chosen offers that the page does not list itself. */
export function SelectionFieldset(props: { lang: Lang; t: T; selection: OfferWithProvider[] }) {
  const { t, lang } = props;
  if (props.selection.length === 0) return null;
  return (
    <fieldset class="selection">
      <legend>{t("selection.legend")}</legend>
      <ul class="checks">
        {props.selection.map(({ offer, provider }) => (
          <li>
            <label>
              <input type="checkbox" name="offers" value={offer.id} checked />{" "}
              {provider.name} — {offer.name} ({serviceLabel(t, offer.service)}, {priceText(t, lang, offer, "month")})
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

/** Keeps the page's language in forms even when cookies are off. */
export function LangField(props: { url: URL }) {
  const lang = props.url.searchParams.get("lang");
  return isLang(lang) ? <input type="hidden" name="lang" value={lang} /> : null;
}
