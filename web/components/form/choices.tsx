// Groups of choices under one question: checkboxes (several answers) and radio buttons (one). The
// legend is the question; the group's hint and error describe the fieldset; each option may carry
// its own hint. The error summary links to the first option (choiceId(group, first value)).
import { describedBy, FieldError, Hint, hintId, RequiredMark } from "./field";

export interface Choice {
  value: string;
  label: string;
  hint?: string;
  /** The option's id; `${group id}-${value}` (made id-safe) otherwise. */
  id?: string;
}

interface GroupProps {
  /** The group's id: its hint and error ids derive from it. */
  id: string;
  name: string;
  legend: string;
  hint?: string;
  error?: string;
  required?: boolean;
  options: readonly Choice[];
  class?: string;
}

/** An option's id when it does not give one. */
export const choiceId = (group: string, value: string) => `${group}-${value.replace(/[^A-Za-z0-9_-]+/g, "-")}`;

function Group(p: GroupProps & { type: "checkbox" | "radio"; isChecked: (value: string) => boolean }) {
  return (
    <fieldset
      class={["field", "checks-group", p.error ? "field-invalid" : "", p.class ?? ""].filter(Boolean).join(" ")}
      aria-describedby={describedBy(p.id, p.hint, p.error)}
      aria-invalid={p.error ? "true" : undefined}
    >
      <legend>
        {p.legend}
        <RequiredMark required={p.required} />
      </legend>
      <Hint id={p.id} hint={p.hint} />
      <FieldError id={p.id} error={p.error} />
      <ul class="checks">
        {p.options.map((o, i) => {
          const id = o.id ?? choiceId(p.id, o.value);
          return (
            <li>
              <input
                type={p.type}
                id={id}
                name={p.name}
                value={o.value}
                checked={p.isChecked(o.value)}
                // One required radio makes the group required; a required checkbox would demand that very box.
                required={p.type === "radio" && p.required && i === 0 ? true : undefined}
                aria-describedby={o.hint ? hintId(id) : undefined}
              />{" "}
              <label for={id}>{o.label}</label>
              {o.hint ? (
                <span id={hintId(id)} class="hint">
                  {" "}
                  — {o.hint}
                </span>
              ) : null}
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}

export function CheckboxGroup(p: GroupProps & { checked: readonly string[] }) {
  return <Group {...p} type="checkbox" isChecked={(v) => p.checked.includes(v)} />;
}

export function RadioGroup(p: GroupProps & { value?: string }) {
  return <Group {...p} type="radio" isChecked={(v) => v === p.value} />;
}
