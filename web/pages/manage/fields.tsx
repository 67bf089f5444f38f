// Labelled form fields for the self-service pages: every input has a label, and a field at fault
// says so next to it (aria-invalid, aria-describedby) in the visitor's language.
import type { FieldError } from "../../../src/lib/problem";
import type { Child } from "hono/jsx";
import type { T } from "../../i18n";

export interface FieldProps {
  t: T;
  name: string;
  label: string;
  values: Record<string, string>;
  errors: FieldError[];
  hint?: string;
}

function Problem(props: { t: T; name: string; errors: FieldError[] }) {
  return props.errors.some((e) => e.field === props.name) ? (
    <p class="field-error" id={`${props.name}-error`}>
      {props.t("manage.form.invalid")}
    </p>
  ) : null;
}

type Aria = { "aria-invalid"?: "true"; "aria-describedby"?: string };

/** The label, hint and problem around one control, and the aria attributes that tie them to it. */
function Shell(props: FieldProps & { control: (aria: Aria) => Child }) {
  const invalid = props.errors.some((e) => e.field === props.name);
  const described = [props.hint ? `${props.name}-hint` : "", invalid ? `${props.name}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <p class={invalid ? "field invalid" : "field"}>
      <label for={props.name}>{props.label}</label>
      {props.hint ? <span class="hint" id={`${props.name}-hint`}>{props.hint}</span> : null}
      {props.control({ "aria-invalid": invalid ? "true" : undefined, "aria-describedby": described })}
      <Problem t={props.t} name={props.name} errors={props.errors} />
    </p>
  );
}

export function TextField(props: FieldProps & { type?: string; required?: boolean; inputmode?: "decimal" | "numeric" }) {
  return (
    <Shell
      {...props}
      control={(aria) => (
        <input
          id={props.name}
          name={props.name}
          type={props.type ?? "text"}
          value={props.values[props.name] ?? ""}
          required={props.required}
          inputmode={props.inputmode}
          {...aria}
        />
      )}
    />
  );
}

export function TextArea(props: FieldProps & { required?: boolean }) {
  return (
    <Shell
      {...props}
      control={(aria) => (
        <textarea id={props.name} name={props.name} rows={4} required={props.required} {...aria}>
          {props.values[props.name] ?? ""}
        </textarea>
      )}
    />
  );
}

export function SelectField(props: FieldProps & { options: { value: string; label: string }[] }) {
  const current = props.values[props.name] ?? "";
  return (
    <Shell
      {...props}
      control={(aria) => (
        <select id={props.name} name={props.name} {...aria}>
          {props.options.map((o) => (
            <option value={o.value} selected={o.value === current}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    />
  );
}

export function Checkbox(props: FieldProps) {
  return (
    <p class="field checkbox">
      <input id={props.name} name={props.name} type="checkbox" checked={props.values[props.name] === "on"} />
      <label for={props.name}>{props.label}</label>
    </p>
  );
}

/** The summary at the top of a form that was sent back. */
export function ErrorSummary(props: { t: T; errors: FieldError[]; labels: Record<string, string> }) {
  if (!props.errors.length) return null;
  return (
    <div class="error-summary" role="alert">
      <p>{props.t("manage.form.errors")}</p>
      <ul>
        {props.errors.map((e) => (
          <li>
            <a href={`#${e.field}`}>{props.labels[e.field] ?? e.field}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function Notice(props: { text: string | undefined }) {
  return props.text ? (
    <p class="notice" role="status" aria-live="polite">
      {props.text}
    </p>
  ) : null;
}
