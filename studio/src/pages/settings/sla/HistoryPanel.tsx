import type { Priority, SlaMetric } from '@baton/schemas/types';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { slaHistory } from '../../../api/settings/sla.ts';
import { ErrorNotice } from '../../../components/ErrorNotice.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { describeDuration, describeMsShort } from '../../../lib/duration.ts';
import { PRIORITY_LABELS } from '../../../lib/format.ts';
import { queryKeys } from '../../../lib/queryKeys.ts';
import { METRIC_LABELS } from './metrics.ts';

/**
 * What the organisation really achieved (percentiles of measured clocks) and the target it could
 * keep: the p80, rounded up. "Use" copies the suggestions for the chosen priority into the form.
 */
export function HistoryPanel({
  priority,
  onUse,
}: {
  priority: Priority;
  onUse(targets: Partial<Record<SlaMetric, string>>): void;
}) {
  const [days, setDays] = useState(90);
  const history = useQuery({
    queryKey: queryKeys.slaHistory(days),
    queryFn: ({ signal }) => slaHistory(days, signal),
  });
  const measured = history.data?.rows.filter((r) => r.count > 0) ?? [];
  const forPriority = Object.fromEntries(
    measured.filter((r) => r.priority === priority && r.suggested).map((r) => [r.metric, r.suggested!]),
  );

  return (
    <section className="detail-panel" aria-labelledby="history-title">
      <header className="detail-header">
        <h2 id="history-title" className="detail-title">
          What your team really achieves
        </h2>
        <label className="inline-row small">
          <span className="muted">Looking back</span>
          <select value={days} onChange={(e) => setDays(Number(e.target.value))} aria-label="Looking back">
            {[30, 90, 180, 365].map((d) => (
              <option key={d} value={d}>
                {d} days
              </option>
            ))}
          </select>
        </label>
      </header>
      {history.isPending && <Loading label="Measuring past issues…" />}
      {history.isError && <ErrorNotice error={history.error} title="Could not read the history" compact />}
      {history.isSuccess && !measured.length && (
        <p className="muted">No first responses or resolutions were measured in this period yet.</p>
      )}
      {measured.length > 0 && (
        <>
          <table className="table" aria-label="Measured times">
            <thead>
              <tr>
                <th scope="col">Measure</th>
                <th scope="col">Issues</th>
                <th scope="col" title="Half of the issues were within this">
                  Half
                </th>
                <th scope="col" title="80% of the issues were within this">
                  80%
                </th>
                <th scope="col" title="90% of the issues were within this">
                  90%
                </th>
                <th scope="col">Suggested</th>
              </tr>
            </thead>
            <tbody>
              {measured.map((r) => (
                <tr key={`${r.metric}:${r.priority}`}>
                  <td>
                    {METRIC_LABELS[r.metric].title},{' '}
                    <span className="muted">{PRIORITY_LABELS[r.priority].toLowerCase()}</span>
                  </td>
                  <td>{r.count}</td>
                  <td className="nowrap">{describeMsShort(r.p50Ms ?? 0)}</td>
                  <td className="nowrap">{describeMsShort(r.p80Ms ?? 0)}</td>
                  <td className="nowrap">{describeMsShort(r.p90Ms ?? 0)}</td>
                  <td className="nowrap">
                    <strong>{describeDuration(r.suggested)}</strong>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="field-hint">
            Half, 80% and 90%: the time within which that share of the issues got there, in business time on
            each policy's calendar. A target at the 80% mark is one your team already meets four times in
            five.
          </p>
          <div>
            <button
              type="button"
              className="button"
              disabled={!Object.keys(forPriority).length}
              onClick={() => onUse(forPriority)}
            >
              Use the suggestions for {PRIORITY_LABELS[priority].toLowerCase()} priority
            </button>
          </div>
        </>
      )}
    </section>
  );
}
