import type { FlowRecord } from '@baton/schemas/types';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { ErrorNotice } from '../../../components/ErrorNotice.tsx';
import { SegmentedChoice } from '../../../components/SegmentedChoice.tsx';
import { useNow } from '../../../hooks/useNow.ts';
import { useSetFlowTracing } from '../../../hooks/useSetFlowTracing.ts';
import { queryKeys } from '../../../lib/queryKeys.ts';
import { KEEP_FOR, shareInWords, untilInWords } from '../../../lib/traceShare.ts';

/** The shares offered besides the server's default, with what each means on hover. */
const SHARES = [
  { percent: 0, label: 'Off', hint: 'Every run keeps only the path it took' },
  { percent: 10, label: '1 in 10', hint: 'One run in ten keeps its full trace' },
  { percent: 100, label: 'Every run', hint: 'Every run keeps its full trace' },
] as const;

/** What a new choice is kept for unless the admin picks otherwise: debugging rarely needs more. */
const DEFAULT_KEEP_MINUTES = 60;

/**
 * How many of the flow's live runs keep their full trace (each condition and the facts it saw) — the
 * rest keep only the path they took — and for how long. An admin who finds a run without its trace
 * turns it on here; by default it goes back to the server's setting after an hour, so a busy flow
 * left at "Every run" does not keep paying for traces nobody reads.
 */
export function LiveTracing({ flow, readOnly }: { flow: FlowRecord; readOnly: boolean }) {
  const setTracing = useSetFlowTracing(flow.id);
  const queryClient = useQueryClient();
  const now = useNow(15_000);
  const keepForId = useId();
  const { percent, source, serverPercent, until } = flow.liveTrace;
  const own = source === 'flow';
  // A share the flow holds until changed shows as such; otherwise the next choice lasts an hour.
  const [keepFor, setKeepFor] = useState<number | null>(own && !until ? null : DEFAULT_KEEP_MINUTES);

  // When the share ends, read the flow again: the server has gone back to its default by then.
  useEffect(() => {
    if (!until) return;
    const timer = setTimeout(
      () => void queryClient.invalidateQueries({ queryKey: queryKeys.flow(flow.id) }),
      Math.max(0, Date.parse(until) - Date.now()) + 500,
    );
    return () => clearTimeout(timer);
  }, [until, flow.id, queryClient]);

  const choose = (share: number | null, minutes: number | null) =>
    setTracing.mutate(
      share === null ? { percent: null } : { percent: share, forMinutes: minutes ?? undefined },
    );

  const choices = [
    {
      value: 'server',
      label: `Default (${shareInWords(serverPercent)})`,
      hint: "The server's setting for every flow without its own (BATON_FLOW_TRACE_PERCENT)",
    },
    ...SHARES.map(({ percent: share, label, hint }) => ({ value: String(share), label, hint })),
  ];
  const busy = readOnly || setTracing.isPending;
  return (
    <div className="live-tracing">
      <div className="muted small" id="live-tracing-label">
        Full traces of live runs
      </div>
      <SegmentedChoice
        labelledBy="live-tracing-label"
        name="live-tracing"
        options={choices}
        value={own ? String(percent) : 'server'}
        disabled={busy}
        onChange={(key) => choose(key === 'server' ? null : Number(key), keepFor)}
      />
      <label className="live-tracing-keep small" htmlFor={keepForId}>
        <span className="muted">Keep a choice for</span>
        <select
          id={keepForId}
          value={keepFor === null ? 'always' : String(keepFor)}
          disabled={busy}
          onChange={(e) => {
            const minutes = e.target.value === 'always' ? null : Number(e.target.value);
            setKeepFor(minutes);
            // The flow's own share starts its new duration now; the default has none to change.
            if (own) choose(percent, minutes);
          }}
        >
          {KEEP_FOR.map(({ minutes, label }) => (
            <option key={label} value={minutes === null ? 'always' : String(minutes)}>
              {label}
            </option>
          ))}
        </select>
      </label>
      {own && (
        <p className="small" data-testid="live-tracing-state">
          {shareInWords(percent) === 'off' ? 'Off' : `Full traces for ${shareInWords(percent)}`}{' '}
          {until
            ? `${untilInWords(until, now)}, then the default (${shareInWords(serverPercent)}).`
            : 'until someone changes it.'}
          {!SHARES.some((share) => share.percent === percent) && ' Set through the API.'}
        </p>
      )}
      <p className="muted small">
        A full trace records each condition and the facts it saw; without one a run keeps the path it took.
        Full traces make each run's record several times larger.
      </p>
      {setTracing.error && <ErrorNotice error={setTracing.error} title="Could not change the tracing" />}
    </div>
  );
}
