interface Hours {
  timeZone: string;
  hours: Array<{ days: string[]; from: string; to: string }>;
}

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const DAY_NAME: Record<string, string> = {
  mon: 'Mon',
  tue: 'Tue',
  wed: 'Wed',
  thu: 'Thu',
  fri: 'Fri',
  sat: 'Sat',
  sun: 'Sun',
};

function zones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  return intl.supportedValuesOf ? intl.supportedValuesOf('timeZone') : ['UTC'];
}

function asHours(value: unknown): Hours {
  const v = (value ?? {}) as Partial<Hours>;
  const first = Array.isArray(v.hours) ? v.hours[0] : undefined;
  return {
    timeZone: typeof v.timeZone === 'string' ? v.timeZone : 'UTC',
    hours: [
      {
        days: Array.isArray(first?.days) ? first.days : ['mon', 'tue', 'wed', 'thu', 'fri'],
        from: typeof first?.from === 'string' ? first.from : '09:00',
        to: typeof first?.to === 'string' ? first.to : '17:00',
      },
    ],
  };
}

/** Opening hours for `withinBusinessHours`: a time zone, the days, from and to. */
export function BusinessHoursInput({
  label,
  value,
  onChange,
}: {
  label: string;
  value: unknown;
  onChange(v: Hours): void;
}) {
  const hours = asHours(value);
  const shift = hours.hours[0] ?? { days: [], from: '09:00', to: '17:00' };
  const set = (patch: Partial<typeof shift>, timeZone = hours.timeZone) =>
    onChange({ timeZone, hours: [{ ...shift, ...patch }] });
  return (
    <span className="cond-hours">
      <fieldset className="cond-days" aria-label={`${label}: days`}>
        {DAYS.map((d) => (
          <label key={d} className={`cond-day${shift.days.includes(d) ? ' active' : ''}`}>
            <input
              type="checkbox"
              className="visually-hidden"
              checked={shift.days.includes(d)}
              onChange={(e) =>
                set({
                  days: e.target.checked
                    ? DAYS.filter((x) => x === d || shift.days.includes(x))
                    : shift.days.filter((x) => x !== d),
                })
              }
            />
            {DAY_NAME[d]}
          </label>
        ))}
      </fieldset>
      <input
        type="time"
        aria-label={`${label}: from`}
        value={shift.from}
        onChange={(e) => set({ from: e.target.value })}
      />
      <span className="muted small">to</span>
      <input
        type="time"
        aria-label={`${label}: to`}
        value={shift.to}
        onChange={(e) => set({ to: e.target.value })}
      />
      <select
        aria-label={`${label}: time zone`}
        value={hours.timeZone}
        onChange={(e) => set({}, e.target.value)}
      >
        {zones().map((z) => (
          <option key={z} value={z}>
            {z.replace(/_/g, ' ')}
          </option>
        ))}
      </select>
    </span>
  );
}
