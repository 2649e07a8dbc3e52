import type { FlowRecord } from '@baton/schemas/types';
import { ErrorNotice } from '../../../components/ErrorNotice.tsx';
import { SegmentedChoice } from '../../../components/SegmentedChoice.tsx';
import { useSetFlowTracing } from '../../../hooks/useSetFlowTracing.ts';
import { shareInWords } from './share.ts';

/** The shares offered besides the server's default, with what each means on hover. */
const SHARES = [
  { percent: 0, label: 'Off', hint: 'Every run keeps only the path it took' },
  { percent: 10, label: '1 in 10', hint: 'One run in ten keeps its full trace' },
  { percent: 100, label: 'Every run', hint: 'Every run keeps its full trace' },
] as const;

/**
 * How many of the flow's live runs keep their full trace (each condition and the facts it saw) — the
 * rest keep only the path they took. An admin who finds a run without its trace turns it on here.
 */
export function LiveTracing({ flow, readOnly }: { flow: FlowRecord; readOnly: boolean }) {
  const setTracing = useSetFlowTracing(flow.id);
  const { percent, source, serverPercent } = flow.liveTrace;
  const choices = [
    {
      value: 'server',
      label: `Default (${shareInWords(serverPercent)})`,
      hint: "The server's setting for every flow without its own (BATON_FLOW_TRACE_PERCENT)",
    },
    ...SHARES.map(({ percent: share, label, hint }) => ({ value: String(share), label, hint })),
  ];
  return (
    <div className="live-tracing">
      <div className="muted small" id="live-tracing-label">
        Full traces of live runs
      </div>
      <SegmentedChoice
        labelledBy="live-tracing-label"
        name="live-tracing"
        options={choices}
        value={source === 'server' ? 'server' : String(percent)}
        disabled={readOnly || setTracing.isPending}
        onChange={(key) => setTracing.mutate(key === 'server' ? null : Number(key))}
      />
      {source === 'flow' && !SHARES.some((share) => share.percent === percent) && (
        <p className="muted small">Set to {shareInWords(percent)} through the API.</p>
      )}
      <p className="muted small">
        A full trace records each condition and the facts it saw; without one a run keeps the path it took.
        Full traces make each run's record several times larger.
      </p>
      {setTracing.error && <ErrorNotice error={setTracing.error} title="Could not change the tracing" />}
    </div>
  );
}
