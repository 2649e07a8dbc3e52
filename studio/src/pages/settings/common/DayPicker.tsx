export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const WEEKDAY_LABELS: Record<Weekday, string> = {
  mon: 'Mon',
  tue: 'Tue',
  wed: 'Wed',
  thu: 'Thu',
  fri: 'Fri',
  sat: 'Sat',
  sun: 'Sun',
};

/** Weekdays as toggle chips, in week order whatever order they were picked in. */
export function DayPicker({
  value,
  onChange,
  label,
}: {
  value: readonly Weekday[];
  onChange(days: Weekday[]): void;
  label: string;
}) {
  return (
    <fieldset className="chips" aria-label={label}>
      {WEEKDAYS.map((day) => {
        const on = value.includes(day);
        return (
          <label key={day} className={on ? 'chip chip-on' : 'chip'}>
            <input
              type="checkbox"
              checked={on}
              onChange={() => onChange(WEEKDAYS.filter((d) => (d === day ? !on : value.includes(d))))}
            />
            {WEEKDAY_LABELS[day]}
          </label>
        );
      })}
    </fieldset>
  );
}

/** "Mon–Fri", "Mon, Wed, Fri", "Every day". */
export function describeDays(days: readonly string[]): string {
  const picked = WEEKDAYS.filter((d) => days.includes(d));
  if (picked.length === 7) return 'Every day';
  const first = WEEKDAYS.indexOf(picked[0]!);
  const consecutive = picked.every((d, i) => WEEKDAYS.indexOf(d) === first + i);
  if (consecutive && picked.length > 2)
    return `${WEEKDAY_LABELS[picked[0]!]}–${WEEKDAY_LABELS[picked.at(-1)!]}`;
  return picked.map((d) => WEEKDAY_LABELS[d]).join(', ');
}
