// The one labelled shell every form control of the site sits in: label (with the required marker),
// hint under the label, the error that says what is wrong, then the control — tied together with
// aria-describedby and aria-invalid so a screen reader reads the hint and the error with the control.
import type { Child } from "hono/jsx";

/** What every labelled control has. */
export interface FieldBase {
  /** The control's id: the label points at it, the error summary links to it; hint and error ids derive from it. */
  id: string;
  /** The posted name; defaults to the id. */
  name?: string;
  label: string;
  /** One line under the label: the format expected, an example. */
  hint?: string;
  /** A translated message saying what is wrong; marks the control invalid. */
  error?: string;
  required?: boolean;
  /** Announce the error at once: for a small form on a page that does not open on an error summary. */
  alert?: boolean;
}

export interface Aria {
  "aria-describedby"?: string;
  "aria-invalid"?: "true";
}

export const hintId = (id: string) => `${id}-hint`;
export const errorId = (id: string) => `${id}-error`;

/** The ids a control is described by: its hint, then its error; undefined when it has neither. */
export function describedBy(id: string, hint?: string, error?: string): string | undefined {
  return [hint ? hintId(id) : "", error ? errorId(id) : ""].filter(Boolean).join(" ") || undefined;
}

export function ariaOf(p: Pick<FieldBase, "id" | "hint" | "error">): Aria {
  return { "aria-describedby": describedBy(p.id, p.hint, p.error), "aria-invalid": p.error ? "true" : undefined };
}

/** Seen, not read: the control's own `required` tells assistive technology. */
export function RequiredMark(props: { required?: boolean }) {
  return props.required ? (
    <span class="required-mark" aria-hidden="true">
      *
    </span>
  ) : null;
}

export function Hint(props: { id: string; hint?: string }) {
  return props.hint ? (
    <p id={hintId(props.id)} class="hint">
      {props.hint}
    </p>
  ) : null;
}

export function FieldError(props: { id: string; error?: string; alert?: boolean }) {
  return props.error ? (
    <p class="field-error" id={errorId(props.id)} role={props.alert ? "alert" : undefined}>
      {props.error}
    </p>
  ) : null;
}

/** Label, hint, error and the control (given the aria attributes to spread on it). */
export function Shell(p: FieldBase & { class?: string; control: (aria: Aria) => Child }) {
  return (
    <div class={["field", p.error ? "field-invalid" : "", p.class ?? ""].filter(Boolean).join(" ")}>
      <label for={p.id}>{p.label}</label>
      <RequiredMark required={p.required} />
      <Hint id={p.id} hint={p.hint} />
      <FieldError id={p.id} error={p.error} alert={p.alert} />
      {p.control(ariaOf(p))}
    </div>
  );
}
