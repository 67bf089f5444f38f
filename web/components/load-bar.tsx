// One host's load for one kind against its declared capacity, as a small server-rendered SVG bar
// (no script, no inline style). Readable without colour: the capacity is the box's outline, the
// units planned a solid bar, the units done a hatched part of it, and a bar beyond the capacity
// overflows the box past a marked edge. The row's cells carry the same numbers as text, so the
// drawing is hidden from assistive technology.
const W = 120;
const H = 14;

export function LoadBar(props: { units: number; done: number; capacity: number | null; id: string }) {
  const { units, done, capacity } = props;
  // Scale to the larger of the load and the capacity, leaving room to show an overflow.
  const top = Math.max(1, units, capacity ?? 0);
  const x = (n: number) => ((n / top) * (W - 2)).toFixed(1);
  const pattern = `hatch-${props.id}`;
  return (
    <svg viewBox={`0 0 ${W} ${H}`} width={W} height={H} aria-hidden="true" focusable="false" class="load-bar">
      <defs>
        <pattern id={pattern} width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="4" height="4" fill="#1d4f91" />
          <line x1="0" y1="0" x2="0" y2="4" stroke="#ffffff" stroke-width="2" />
        </pattern>
      </defs>
      <rect x="1" y="2" width={x(units)} height={H - 4} fill="#1d4f91" />
      <rect x="1" y="2" width={x(done)} height={H - 4} fill={`url(#${pattern})`} />
      {capacity !== null ? <rect x="1" y="1" width={x(capacity)} height={H - 2} fill="none" stroke="#222222" stroke-width="1.5" /> : null}
      {capacity !== null && units > capacity ? <line x1={x(capacity)} x2={x(capacity)} y1="0" y2={H} stroke="#b00020" stroke-width="2" stroke-dasharray="2 1" /> : null}
    </svg>
  );
}
