/** What a role may do, one ability per line, as abilitiesOf(role) words it. */
export function AbilityList({ abilities, label, className = "" }: { abilities: string[]; label?: string; className?: string }) {
  return (
    <ul className={`space-y-2 text-sm text-zinc-700 ${className}`} aria-label={label}>
      {abilities.map((ability) => (
        <li key={ability} className="flex gap-2">
          <span aria-hidden className="text-emerald-600">
            ✓
          </span>
          {ability}
        </li>
      ))}
    </ul>
  );
}
