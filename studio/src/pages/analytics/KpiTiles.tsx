import type { Column, Report } from '../../api/analytics.ts';
import { formatValue } from './format.ts';

/** The report's headline totals; each opens the issues behind it. */
export function KpiTiles({
  report,
  keys,
  onPick,
}: {
  report: Report;
  keys: string[];
  onPick: (column: Column) => void;
}) {
  const columns = keys
    .map((k) => report.columns.find((c) => c.key === k))
    .filter((c): c is Column => Boolean(c));
  if (!columns.length) return null;
  return (
    <ul className="kpis" aria-label="Totals">
      {columns.map((c) => {
        const v = report.totals[c.key];
        return (
          <li key={c.key} className="kpi">
            <button
              type="button"
              className="kpi-button"
              disabled={!c.drill || !v}
              onClick={() => onPick(c)}
              title={c.drill && v ? 'List the issues behind this number' : undefined}
            >
              <span className="kpi-value">{formatValue(c.unit, v)}</span>
              <span className="kpi-label">{c.label}</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
