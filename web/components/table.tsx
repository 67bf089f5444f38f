// The head row of a data table: one column header per label, numeric columns right-aligned.
// A falsy entry leaves its column out (a column only some visitors see).

export type Column = string | { label: string; num: true } | false | null | undefined;

export function TableHead(props: { cols: readonly Column[] }) {
  return (
    <thead>
      <tr>
        {props.cols.map((c) =>
          !c ? null : typeof c === "string" ? (
            <th scope="col">{c}</th>
          ) : (
            <th scope="col" class="num">
              {c.label}
            </th>
          ),
        )}
      </tr>
    </thead>
  );
}
