import type { Column, Table } from '../../api/analytics.ts';
import { formatValue } from './format.ts';

/** Grouped rows; every number that stands for issues is a button that lists them. */
export function ReportTable({
  table,
  columns,
  groupLabel,
  caption,
  onCell,
}: {
  table: Table;
  columns?: string[];
  groupLabel: string;
  caption: string;
  onCell: (rowKey: string, column: Column) => void;
}) {
  const shown = columns?.length
    ? columns.map((k) => table.columns.find((c) => c.key === k)).filter((c): c is Column => Boolean(c))
    : table.columns;
  return (
    <div className="analytics-table-wrap">
      <table className="table analytics-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{groupLabel}</th>
            {shown.map((c) => (
              <th key={c.key} scope="col" className="num">
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row) => (
            <tr key={row.key}>
              <td className="row-label">{row.label}</td>
              {shown.map((c) => {
                const v = row.values[c.key];
                const text = formatValue(c.unit, v);
                return (
                  <td key={c.key} className="num">
                    {c.drill && v !== null && v !== 0 ? (
                      <button
                        type="button"
                        className="drill"
                        title={`List the issues behind ${c.label.toLowerCase()} for ${row.label}`}
                        onClick={() => onCell(row.key, c)}
                      >
                        {text}
                      </button>
                    ) : (
                      text
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
