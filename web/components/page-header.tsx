// The top of a page: where it sits (breadcrumb links back up, web/components/breadcrumb.tsx), its title and a lead paragraph.
import type { Child } from "hono/jsx";
import { Breadcrumb, type Crumb } from "./breadcrumb";

export type { Crumb } from "./breadcrumb";

export function PageHeader(props: { title: string; crumbs?: readonly Crumb[]; lead?: Child }) {
  return (
    <>
      <Breadcrumb crumbs={props.crumbs ?? []} current={props.title} />
      <h1>{props.title}</h1>
      {props.lead ? <p class="lead">{props.lead}</p> : null}
    </>
  );
}
