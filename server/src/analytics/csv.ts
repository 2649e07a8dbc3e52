/**
 * A report's grouped rows as CSV (RFC 4180): one header row, the group's name first, durations in
 * minutes and rates in percent so that a spreadsheet shows them as people read them.
 */
import type { ReportTable } from './service.ts';

export function toCsv(table: ReportTable, groupLabel: string): string {
  const header = [
    groupLabel,
    ...table.columns.map((c) =>
      c.unit === 'ms' ? `${c.label} (minutes)` : c.unit === 'ratio' ? `${c.label} (%)` : c.label,
    ),
  ];
  const lines = [header.map(cell).join(',')];
  for (const row of table.rows) {
    const values = table.columns.map((c) => {
      const v = row.values[c.key];
      if (v === null || v === undefined) return '';
      if (c.unit === 'ms') return String(Math.round((v / 60_000) * 100) / 100);
      if (c.unit === 'ratio') return String(Math.round(v * 1000) / 10);
      return String(v);
    });
    lines.push([cell(row.label), ...values].join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

function cell(text: string): string {
  // Quote when needed; a leading = + - @ would be read as a formula by spreadsheets.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
