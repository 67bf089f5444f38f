// The top of a page: where it sits (breadcrumb links back up), its title and a lead paragraph.
import type { Child } from "hono/jsx";

export interface Crumb {
  href: string;
  label: string;
}

export function PageHeader(props: { title: string; crumbs?: readonly Crumb[]; lead?: Child }) {
  const crumbs = props.crumbs ?? [];
  return (
    <>
      {crumbs.length ? (
        <p class="breadcrumb">
          {crumbs.map((b, i) => (
            <>
              {i ? " › " : ""}
              <a href={b.href}>{b.label}</a>
            </>
          ))}
        </p>
      ) : null}
      <h1>{props.title}</h1>
      {props.lead ? <p class="lead">{props.lead}</p> : null}
    </>
  );
}
