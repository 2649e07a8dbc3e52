/**
 * The dashboard's charts (recharts): a trend line per unit, per-group bars and a distribution. Each
 * point that stands for issues can be clicked to list them.
 */
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { Column, Report, Unit } from '../../api/analytics.ts';
import { durationTicks, formatDay, formatDurationTick, formatValue } from './format.ts';

const COLORS = ['#5b5bd6', '#2f9e5b', '#e07b00', '#d93036', '#2f80ed', '#8e6bd0'];
const UNIT_TITLES: Record<Unit, string> = { count: 'How many', ms: 'How long', ratio: 'How often' };

/**
 * A value axis: durations step by a round duration (`durationTicks`), other units take the chart's
 * own ticks.
 */
function axisFor(unit: Unit, values: readonly unknown[]) {
  if (unit !== 'ms') return { tickFormatter: (v: number) => formatValue(unit, v) };
  let max = 0;
  for (const v of values) if (typeof v === 'number' && v > max) max = v;
  const ticks = durationTicks(max);
  return { ticks, domain: [0, ticks.at(-1) ?? 0], tickFormatter: formatDurationTick };
}

export function TrendCharts({
  report,
  onDay,
}: {
  report: Report;
  onDay: (day: string, column: Column) => void;
}) {
  const units = [...new Set(report.trend.columns.map((c) => c.unit))];
  const data = report.trend.days.map((d) => ({ day: d.day, ...d.values }));
  return (
    <div className="chart-row">
      {units.map((unit) => {
        const columns = report.trend.columns.filter((c) => c.unit === unit);
        const values = data.flatMap((d) => columns.map((c) => (d as Record<string, unknown>)[c.key]));
        return (
          <figure
            key={unit}
            className="chart-card"
            aria-label={`Trend: ${columns.map((c) => c.label).join(', ')}`}
          >
            <figcaption className="chart-title">{UNIT_TITLES[unit]}, day by day</figcaption>
            {!values.some((v) => typeof v === 'number') ? (
              // An empty plot with no ticks reads as broken; say what is missing instead.
              <p className="chart-empty">
                No {columns.map((c) => c.label.toLowerCase()).join(' or ')} on these days yet.
              </p>
            ) : (
              <ResponsiveContainer width="100%" height={200}>
                <LineChart
                  data={data}
                  margin={{ top: 8, right: 16, bottom: 0, left: 0 }}
                  onClick={(state) => {
                    const day = (state as { activeLabel?: string | number }).activeLabel;
                    const drillable = columns.find((c) => c.drill);
                    if (typeof day === 'string' && drillable) onDay(day, drillable);
                  }}
                >
                  <CartesianGrid stroke="#eee" vertical={false} />
                  <XAxis dataKey="day" tickFormatter={formatDay} fontSize={11} minTickGap={24} />
                  <YAxis
                    fontSize={11}
                    width={64}
                    allowDecimals={unit !== 'count'}
                    {...axisFor(unit, values)}
                  />
                  <Tooltip
                    labelFormatter={(day) => formatDay(String(day))}
                    formatter={(v, name) => [formatValue(unit, v as number | null), String(name)]}
                  />
                  <Legend wrapperStyle={{ fontSize: 12 }} />
                  {columns.map((c, i) => (
                    <Line
                      key={c.key}
                      type="monotone"
                      dataKey={c.key}
                      name={c.label}
                      stroke={COLORS[i % COLORS.length]}
                      strokeWidth={2}
                      dot={data.length < 40}
                      connectNulls
                      isAnimationActive={false}
                    />
                  ))}
                </LineChart>
              </ResponsiveContainer>
            )}
          </figure>
        );
      })}
    </div>
  );
}

export function GroupBars({
  report,
  column,
  groupLabel,
  onBar,
}: {
  report: Report;
  column: Column;
  groupLabel: string;
  onBar: (key: string) => void;
}) {
  const data = report.rows
    .filter((r) => r.values[column.key] !== null)
    .slice(0, 12)
    .map((r) => ({ key: r.key, label: r.label, value: r.values[column.key] }));
  if (!data.length) return null;
  return (
    <figure className="chart-card" aria-label={`${column.label} per ${groupLabel.toLowerCase()}`}>
      <figcaption className="chart-title">
        {column.label} per {groupLabel.toLowerCase()}
      </figcaption>
      <ResponsiveContainer width="100%" height={Math.max(120, data.length * 30 + 30)}>
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 24, bottom: 4, left: 8 }}>
          <CartesianGrid stroke="#eee" horizontal={false} />
          <XAxis
            type="number"
            fontSize={11}
            allowDecimals={column.unit !== 'count'}
            {...axisFor(
              column.unit,
              data.map((d) => d.value),
            )}
          />
          <YAxis type="category" dataKey="label" width={160} fontSize={12} />
          <Tooltip formatter={(v) => [formatValue(column.unit, v as number), column.label]} />
          <Bar
            dataKey="value"
            name={column.label}
            isAnimationActive={false}
            cursor="pointer"
            onClick={(d) => onBar(String((d as { key?: string }).key ?? ''))}
          >
            {data.map((d) => (
              <Cell key={d.key} fill="#5b5bd6" />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

export function Distributions({ report }: { report: Report }) {
  if (!report.distributions?.length) return null;
  return (
    <div className="chart-row">
      {report.distributions.map((d) => (
        <figure key={d.key} className="chart-card" aria-label={`${d.label} distribution`}>
          <figcaption className="chart-title">{d.label}: how handoffs spread</figcaption>
          <ResponsiveContainer width="100%" height={180}>
            <BarChart data={d.buckets} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
              <CartesianGrid stroke="#eee" vertical={false} />
              <XAxis dataKey="label" fontSize={11} interval={0} />
              <YAxis fontSize={11} width={40} allowDecimals={false} />
              <Tooltip formatter={(v) => [v as number, 'Handoffs']} />
              <Bar dataKey="count" name="Handoffs" fill="#2f9e5b" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </figure>
      ))}
    </div>
  );
}
