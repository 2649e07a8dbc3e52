import { ErrorNotice } from '../../../components/ErrorNotice.tsx';
import { SlaChip } from '../../../components/SlaChip.tsx';
import { useIssueSla } from '../../../hooks/useIssueContext.ts';
import { absoluteTime } from '../../../lib/format.ts';
import { METRIC_LABELS } from '../../../lib/sla.ts';

/** The issue's SLA clocks, ticking: what is due when, which are close, which are breached or met. */
export function SlaPanel({ issueId }: { issueId: string }) {
  const sla = useIssueSla(issueId);
  return (
    <section className="panel" aria-label="SLA">
      <div className="panel-header">
        <h2 className="panel-title">SLA{sla.data?.sla.policyName ? ` · ${sla.data.sla.policyName}` : ''}</h2>
      </div>
      {sla.isPending && <p className="muted small">Loading clocks…</p>}
      {sla.isError && (
        <ErrorNotice
          error={sla.error}
          title="Could not load the SLA"
          compact
          onRetry={() => void sla.refetch()}
        />
      )}
      {sla.data && sla.data.sla.clocks.length === 0 && (
        <p className="muted small">No SLA applies to this issue.</p>
      )}
      {sla.data && sla.data.sla.clocks.length > 0 && (
        <ul className="sla-list">
          {sla.data.sla.clocks.map((clock) => (
            <li key={clock.id} className="sla-row">
              <span className="sla-row-metric">{METRIC_LABELS[clock.metric] ?? clock.metric}</span>
              <SlaChip clock={clock} readAt={sla.data.readAt} compact />
              <span className="sla-row-due muted small">
                {clock.state === 'running' && clock.dueAt && <>due {absoluteTime(clock.dueAt)}</>}
                {clock.state === 'stopped' && clock.stoppedAt && <>stopped {absoluteTime(clock.stoppedAt)}</>}
                {clock.state === 'paused' && <>paused</>}
                {clock.businessHours ? ' · business hours' : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
