// The controls of the form kit: one-line text (url, email, tel, date, number, search, password),
// a file, textarea, select and a single checkbox, each in the labelled shell of ./field.
import { Shell, ariaOf, FieldError, Hint, RequiredMark, type FieldBase } from "./field";

export interface Option {
  value: string;
  label: string;
  /** The language the label is written in, when not the page's (a language named in itself). */
  lang?: string;
}

export type TextType = "text" | "url" | "email" | "tel" | "date" | "number" | "search" | "password";

export interface TextFieldProps extends FieldBase {
  value?: string;
  type?: TextType;
  autocomplete?: string;
  inputmode?: "decimal" | "numeric" | "tel" | "email" | "url";
  maxlength?: number;
  /** For date and number inputs. */
  min?: string | number;
  max?: string | number;
  step?: string | number;
  placeholder?: string;
  /** The id of a <datalist> of suggestions. */
  list?: string;
  /** Width in characters, for short numbers in a row of fields. */
  size?: number;
}

export function TextField(p: TextFieldProps) {
  return (
    <Shell
      {...p}
      control={(aria) => (
        <input
          type={p.type ?? "text"}
          id={p.id}
          name={p.name ?? p.id}
          list={p.list}
          value={p.value ?? ""}
          required={p.required}
          autocomplete={p.autocomplete}
          inputmode={p.inputmode}
          maxlength={p.maxlength}
          min={p.min}
          max={p.max}
          step={p.step}
          placeholder={p.placeholder}
          size={p.size}
          {...aria}
        />
      )}
    />
  );
}

/** A file to upload: its form must be `enctype="multipart/form-data"`. */
export function FileField(p: FieldBase & { accept?: string }) {
  return <Shell {...p} control={(aria) => <input type="file" id={p.id} name={p.name ?? p.id} accept={p.accept} required={p.required} {...aria} />} />;
}

export function TextArea(p: FieldBase & { value?: string; rows?: number; maxlength?: number }) {
  return (
    <Shell
      {...p}
      control={(aria) => (
        <textarea id={p.id} name={p.name ?? p.id} rows={p.rows ?? 5} required={p.required} maxlength={p.maxlength} {...aria}>
          {p.value ?? ""}
        </textarea>
      )}
    />
  );
}

export function SelectField(p: FieldBase & { value?: string; options: readonly Option[] }) {
  return (
    <Shell
      {...p}
      control={(aria) => (
        <select id={p.id} name={p.name ?? p.id} required={p.required} {...aria}>
          {p.options.map((o) => (
            <option value={o.value} lang={o.lang} selected={o.value === (p.value ?? "")}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    />
  );
}

/** One yes/no box, its label after it; posts `value` (browsers' default "on") when ticked. */
export function Checkbox(p: FieldBase & { checked?: boolean; value?: string }) {
  return (
    <div class={p.error ? "field field-check field-invalid" : "field field-check"}>
      <input type="checkbox" id={p.id} name={p.name ?? p.id} value={p.value} checked={p.checked} required={p.required} {...ariaOf(p)} />{" "}
      <label for={p.id}>{p.label}</label>
      <RequiredMark required={p.required} />
      <Hint id={p.id} hint={p.hint} />
      <FieldError id={p.id} error={p.error} />
    </div>
  );
}
