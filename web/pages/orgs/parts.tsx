// Pieces shared by the organisation pages: a labelled field with its translated error, the error
// summary at the top of a form, role and kind names, and the flash notice.
import type { Child } from "hono/jsx";
import type { OrgRole } from "../../../src/db/schema";
import type { MessageKey, T } from "../../i18n";

export const ROLES: readonly OrgRole[] = ["owner", "admin", "member"];
export const roleName = (t: T, role: OrgRole) => t(`orgs.role.${role}`);
export const kindName = (t: T, kind: "member" | "provider" | "cooperative") => t(`orgs.kind.${kind}`);

export interface FieldProps {
  t: T;
  id: string;
  name?: string;
  label: string;
  value?: string;
  hint?: string;
  /** A translated error message: shown next to the field, which is marked invalid. */
  error?: string;
  type?: string;
  autocomplete?: string;
  required?: boolean;
  maxlength?: number;
}

/** The label, hint and error around one control, and the aria attributes that tie them to it. */
function Shell(p: Pick<FieldProps, "id" | "label" | "hint" | "error"> & { control: (aria: { "aria-describedby"?: string; "aria-invalid"?: "true" }) => Child }) {
  const described = [p.hint ? `${p.id}-hint` : "", p.error ? `${p.id}-error` : ""].filter(Boolean).join(" ");
  return (
    <div class="field">
      <label for={p.id}>{p.label}</label>
      {p.hint ? (
        <p id={`${p.id}-hint`} class="hint">
          {p.hint}
        </p>
      ) : null}
      {p.error ? (
        <p id={`${p.id}-error`} class="field-error">
          {p.error}
        </p>
      ) : null}
      {p.control({ "aria-describedby": described || undefined, "aria-invalid": p.error ? "true" : undefined })}
    </div>
  );
}

export function Field(p: FieldProps) {
  return (
    <Shell
      {...p}
      control={(aria) => (
        <input
          type={p.type ?? "text"}
          id={p.id}
          name={p.name ?? p.id}
          value={p.value ?? ""}
          autocomplete={p.autocomplete}
          required={p.required}
          maxlength={p.maxlength}
          {...aria}
        />
      )}
    />
  );
}

export function SelectField(p: Omit<FieldProps, "type" | "autocomplete" | "maxlength"> & { options: { value: string; label: string }[] }) {
  return (
    <Shell
      {...p}
      control={(aria) => (
        <select id={p.id} name={p.name ?? p.id} required={p.required} {...aria}>
          {p.options.map((o) => (
            <option value={o.value} selected={o.value === p.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    />
  );
}

/** The list of fields to fix, each a link to its input; announced when the page loads. */
export function ErrorSummary(props: { t: T; errors: { id: string; label: string }[] }) {
  if (!props.errors.length) return null;
  return (
    <div class="error-summary" role="alert">
      <p>{props.t("orgs.form.error_summary")}</p>
      <ul>
        {props.errors.map((e) => (
          <li>
            <a href={`#${e.id}`}>{e.label}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function Notice(props: { t: T; notice?: MessageKey; params?: Record<string, string | number>; children?: Child }) {
  if (!props.notice) return null;
  return (
    <p class="notice" role="status">
      {props.t(props.notice, props.params)}
    </p>
  );
}
