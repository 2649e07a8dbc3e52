import { useMemo } from 'react';

/** Every IANA zone the browser knows, e.g. "Europe/Berlin" shown as "Europe / Berlin". */
function allZones(): string[] {
  const supported = (Intl as unknown as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf;
  const zones = supported ? supported('timeZone') : [];
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
}

export function zoneLabel(zone: string): string {
  return zone.replaceAll('_', ' ').replaceAll('/', ' / ');
}

export function TimeZoneSelect({
  value,
  onChange,
  label,
  id,
}: {
  value: string;
  onChange(zone: string): void;
  label?: string;
  id?: string;
}) {
  const zones = useMemo(() => {
    const list = allZones();
    return list.includes(value) || !value ? list : [value, ...list];
  }, [value]);
  return (
    <select id={id} aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
      {!value && <option value="">Choose a time zone…</option>}
      {zones.map((zone) => (
        <option key={zone} value={zone}>
          {zoneLabel(zone)}
        </option>
      ))}
    </select>
  );
}
