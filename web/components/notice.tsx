// The flash notice a page shows after a form's redirect ("saved", "invited"…), or a warning that
// stands out. A status is read out politely; an alert at once.
export function Notice(props: { text?: string; tone?: "error"; alert?: boolean }) {
  if (!props.text) return null;
  return (
    <p class={props.tone === "error" ? "notice notice-error" : "notice"} role={props.alert ? "alert" : "status"}>
      {props.text}
    </p>
  );
}
