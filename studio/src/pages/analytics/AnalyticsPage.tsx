import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { type Column, downloadCsv, type ReportName } from '../../api/analytics.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useAnalyticsReport } from '../../hooks/useAnalyticsReport.ts';
import type { DrillTarget } from '../../hooks/useIssuesBehind.ts';
import { useUpdateQuery } from '../../hooks/useUpdateQuery.ts';
import { Distributions, GroupBars, TrendCharts } from './Charts.tsx';
import { DrillDown } from './DrillDown.tsx';
import { BOTTLENECK_ORDER, BOTTLENECK_TITLES, DIMENSION_LABELS, TABS } from './format.ts';
import { KpiTiles } from './KpiTiles.tsx';
import { daysBack, RangeFilters } from './RangeFilters.tsx';
import { ReportTable } from './ReportTable.tsx';
import { RoiCalculator } from './RoiCalculator.tsx';

type Tab = ReportName | 'roi';

/** Handoff analytics: five reports over a range, grouped, with drill-down and the ROI calculator. */
export function AnalyticsPage() {
  const [params] = useSearchParams();
  const updateQuery = useUpdateQuery();
  const tab = (params.get('report') ?? 'handoffs') as Tab;
  const spec = TABS.find((t) => t.report === tab);
  const fallback = daysBack(30);
  const from = params.get('from') ?? fallback.from;
  const to = params.get('to') ?? fallback.to;
  const groupBy = spec?.groupBy.includes(params.get('groupBy') ?? '')
    ? params.get('groupBy')!
    : (spec?.groupBy[0] ?? '');
  const query = { from, to, ...(groupBy ? { groupBy } : {}) };
  const report = useAnalyticsReport(spec?.report ?? 'handoffs', query, Boolean(spec));
  const [drill, setDrill] = useState<DrillTarget | null>(null);
  const [csvError, setCsvError] = useState<unknown>(null);

  const set = (next: Record<string, string>) => {
    // From the address as it is now: a tab and a grouping changed in one turn both land.
    updateQuery(
      (search) => {
        for (const [k, v] of Object.entries(next)) search.set(k, v);
      },
      { replace: true },
    );
    setDrill(null);
  };
  const open = (
    column: Column,
    extra: { key?: string; from?: string; to?: string; groupBy?: string } = {},
  ) => {
    if (!spec || !column.drill) return;
    setDrill({ report: spec.report, column: column.key, from, to, groupBy, ...extra });
  };
  const data = report.data;
  const groupLabel = DIMENSION_LABELS[groupBy] ?? groupBy;
  const barColumn = data?.columns.find((c) => c.key === spec?.bars);

  return (
    <div className="page page-full analytics-page">
      <PageHeader
        title="Analytics"
        meta={
          data &&
          (data.recounting ? (
            <span role="status">
              Recounting from history after an upgrade — the numbers are still filling in
            </span>
          ) : (
            <span>Whole days in UTC · updated as events arrive</span>
          ))
        }
        actions={
          spec &&
          spec.report !== 'bottlenecks' && (
            <button
              type="button"
              className="button button-small"
              onClick={() => {
                setCsvError(null);
                downloadCsv(spec.report, query).catch(setCsvError);
              }}
            >
              Download CSV
            </button>
          )
        }
      />
      <div className="page-body analytics-body">
        <nav className="analytics-tabs" aria-label="Reports">
          {[
            ...TABS.map((t) => ({ id: t.report as Tab, title: t.title })),
            { id: 'roi' as Tab, title: 'Return' },
          ].map((t) => (
            <button
              key={t.id}
              type="button"
              className={t.id === tab ? 'analytics-tab active' : 'analytics-tab'}
              aria-current={t.id === tab ? 'page' : undefined}
              onClick={() => set({ report: t.id })}
            >
              {t.title}
            </button>
          ))}
        </nav>
        <RangeFilters
          value={{ from, to, groupBy }}
          groupBy={spec && spec.report !== 'bottlenecks' ? spec.groupBy : []}
          onChange={(v) => set({ from: v.from, to: v.to, ...(v.groupBy ? { groupBy: v.groupBy } : {}) })}
        />
        {csvError !== null && <ErrorNotice error={csvError} title="Could not download the CSV" compact />}
        {tab === 'roi' && <RoiCalculator from={from} to={to} />}
        {spec && report.isPending && <Loading label="Loading the numbers…" />}
        {spec && report.isError && (
          <ErrorNotice
            error={report.error}
            title="Could not load the report"
            onRetry={() => void report.refetch()}
          />
        )}
        {spec && data && (
          <div className={drill ? 'analytics-main with-drill' : 'analytics-main'}>
            <div className="analytics-content">
              <KpiTiles report={data} keys={spec.kpis} onPick={(c) => open(c)} />
              {spec.report !== 'bottlenecks' && (
                <TrendCharts report={data} onDay={(day, c) => open(c, { from: day, to: day })} />
              )}
              {spec.report === 'handoffs' && <Distributions report={data} />}
              {spec.report === 'bottlenecks' ? (
                BOTTLENECK_ORDER.filter((dim) => data.tables?.[dim]).map((dim) => {
                  const table = data.tables![dim]!;
                  return (
                    <section key={dim} className="section" aria-labelledby={`bn-${dim}`}>
                      <div className="section-head">
                        <h2 id={`bn-${dim}`} className="section-title">
                          {BOTTLENECK_TITLES[dim]?.title ?? dim}
                        </h2>
                        {table.rows.length > 0 && (
                          <button
                            type="button"
                            className="button button-ghost button-small"
                            onClick={() => {
                              setCsvError(null);
                              downloadCsv('bottlenecks', { from, to, groupBy: dim }).catch(setCsvError);
                            }}
                          >
                            CSV
                          </button>
                        )}
                      </div>
                      <p className="muted small">{BOTTLENECK_TITLES[dim]?.hint}</p>
                      {table.rows.length ? (
                        <ReportTable
                          table={table}
                          groupLabel={DIMENSION_LABELS[dim] ?? dim}
                          caption={BOTTLENECK_TITLES[dim]?.title ?? dim}
                          onCell={(key, c) => open(c, { key, groupBy: dim })}
                        />
                      ) : (
                        <p className="muted">Nothing here in this range.</p>
                      )}
                    </section>
                  );
                })
              ) : data.rows.length === 0 ? (
                <EmptyState title="No activity in this range">
                  Pick a longer range, or wait for issues to be handed off.
                </EmptyState>
              ) : (
                <>
                  {barColumn && (
                    <GroupBars
                      report={data}
                      column={barColumn}
                      groupLabel={groupLabel}
                      onBar={(key) => open(barColumn, { key })}
                    />
                  )}
                  <section className="section" aria-labelledby="rows-title">
                    <h2 id="rows-title" className="section-title">
                      By {groupLabel.toLowerCase()}
                    </h2>
                    <ReportTable
                      table={data}
                      columns={spec.table}
                      groupLabel={groupLabel}
                      caption={`${spec.title} by ${groupLabel.toLowerCase()}`}
                      onCell={(key, c) => open(c, { key })}
                    />
                  </section>
                  {data.capacity && data.capacity.length > 0 && (
                    <section className="section" aria-labelledby="capacity-title">
                      <h2 id="capacity-title" className="section-title">
                        Open issues against capacity now
                      </h2>
                      <table className="table analytics-table">
                        <thead>
                          <tr>
                            <th scope="col">{groupLabel}</th>
                            <th scope="col" className="num">
                              Agents
                            </th>
                            <th scope="col" className="num">
                              Open issues
                            </th>
                            <th scope="col" className="num">
                              Capacity
                            </th>
                            <th scope="col">Load</th>
                          </tr>
                        </thead>
                        <tbody>
                          {data.capacity.map((c) => (
                            <tr key={c.key}>
                              <td className="row-label">{c.label}</td>
                              <td className="num">{c.agents}</td>
                              <td className="num">{c.open}</td>
                              <td className="num">{c.capacity}</td>
                              <td>
                                <meter
                                  min={0}
                                  max={Math.max(c.capacity, c.open, 1)}
                                  high={c.capacity * 0.8}
                                  optimum={0}
                                  value={c.open}
                                >
                                  {c.open} of {c.capacity}
                                </meter>
                              </td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </section>
                  )}
                </>
              )}
            </div>
            {drill && <DrillDown target={drill} onClose={() => setDrill(null)} />}
          </div>
        )}
      </div>
    </div>
  );
}
