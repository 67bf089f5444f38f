// One button that POSTs one action (revoke, retry, remove…): a form of its own, so it works without
// JavaScript; `label` names the row it acts on for screen readers when the visible text is generic.
export function PostButton(p: { action: string; text: string; label?: string; secondary?: boolean; fields?: Readonly<Record<string, string>> }) {
  return (
    <form method="post" action={p.action} class="inline-form">
      {Object.entries(p.fields ?? {}).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <button type="submit" class={p.secondary ? "button-secondary" : undefined} aria-label={p.label}>
        {p.text}
      </button>
    </form>
  );
}
