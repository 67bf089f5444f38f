// Where one is: a breadcrumb nav (a list — ul, the tag set the naughty-strings test knows — of links back up, then the current page marked aria-current="page").
// Pages say their own crumbs; on an organisation's pages Layout adds where the organisation is
// reached from — "My organisations" for one of its people, "All organisations" for a steward or
// coop_admin looking at another organisation — through a context, so every org page (billing and
// transition ones included) gets it without passing it down.
import { createContext, useContext } from "hono/jsx";
import { catalogs } from "../i18n";

export interface Crumb {
  href: string;
  label: string;
}

export interface TrailSettings {
  /** The nav's accessible name, in the page's language. */
  label: string;
  /** Where an organisation's pages hang from, for this viewer. */
  root?: Crumb;
}

/** The places an organisation's pages may say they hang from; the viewer's own one replaces them. */
export const ORG_ROOTS = ["/account/organisations", "/admin/organisations"] as const;

export const TrailContext = createContext<TrailSettings | null>(null);

/** A page's crumbs with the viewer's root in front (replacing a root the page named itself). Pure. */
export function withRoot(crumbs: readonly Crumb[], root: Crumb | undefined): Crumb[] {
  if (!root) return [...crumbs];
  return [root, ...crumbs.filter((c) => !(ORG_ROOTS as readonly string[]).includes(c.href))];
}

export function Breadcrumb(props: { crumbs: readonly Crumb[]; current: string; label?: string }) {
  const settings = useContext(TrailContext);
  const crumbs = withRoot(props.crumbs, settings?.root);
  if (!crumbs.length) return null;
  return (
    <nav class="breadcrumb" aria-label={props.label ?? settings?.label ?? catalogs.fr["nav.breadcrumb"]}>
      <ul>
        {crumbs.map((b) => (
          <li>
            <a href={b.href}>{b.label}</a>
          </li>
        ))}
        <li aria-current="page">{props.current}</li>
      </ul>
    </nav>
  );
}
