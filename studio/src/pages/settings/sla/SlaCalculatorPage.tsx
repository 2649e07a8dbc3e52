import type { BusinessCalendarSpec, Priority, SlaCalculate, SlaMetric } from '@baton/schemas/types';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { calculateSla, listSlaPolicies } from '../../../api/settings/sla.ts';
import { DurationInput } from '../../../components/DurationInput.tsx';
import { ErrorNotice } from '../../../components/ErrorNotice.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { describeDuration, describeMs } from '../../../lib/duration.ts';
import { PRIORITY_LABELS } from '../../../lib/format.ts';
import { queryKeys } from '../../../lib/queryKeys.ts';
import { CalendarEditor } from './CalendarEditor.tsx';
import { HistoryPanel } from './HistoryPanel.tsx';
import { METRIC_LABELS } from './metrics.ts';

const CALC_METRICS: SlaMetric[] = ['firstResponse', 'nextResponse', 'resolution'];

/** `2026-01-05T10:30` in the browser's zone, for a datetime-local box. */
function localInputValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** "Tue 6 Jan, 11:00" from the server's local ISO time (which carries the calendar's offset). */
function readableLocal(isoWithOffset: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(isoWithOffset);
  if (!m) return isoWithOffset;
  const [, y, mo, d, h, mi] = m;
  const day = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d))).toLocaleDateString(undefined, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  });
  return `${day}, ${h}:${mi}`;
}

/** Targets and a calendar in, due times out — and what the organisation's history says is realistic. */
export function SlaCalculatorPage() {
  const policies = useQuery({
    queryKey: queryKeys.slaPolicies,
    queryFn: ({ signal }) => listSlaPolicies(signal),
  });
  const [start, setStart] = useState(() => localInputValue(new Date()));
  const [priority, setPriority] = useState<Priority>('high');
  const [source, setSource] = useState<string>('typed');
  const [targets, setTargets] = useState<Partial<Record<SlaMetric, string>>>({
    firstResponse: 'PT1H',
    resolution: 'P2D',
  });
  const [ownCalendar, setOwnCalendar] = useState(true);
  const [calendar, setCalendar] = useState<BusinessCalendarSpec>({
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
    hours: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:00' }],
    holidays: [],
  });
  const calc = useMutation({
    mutationFn: () => {
      const body: SlaCalculate = { start: new Date(start).toISOString(), priority };
      if (source === 'typed') {
        const typed = Object.fromEntries(Object.entries(targets).filter(([, v]) => v));
        body.targets = typed as SlaCalculate['targets'];
      } else body.policyId = source;
      if (source === 'typed' || ownCalendar) body.calendar = calendar;
      return calculateSla(body);
    },
  });

  return (
    <div className="page page-full">
      <PageHeader title="SLA calculator" meta={<span>When would each target fall due?</span>} />
      <div className="master-detail calculator">
        <form
          className="detail-panel form"
          aria-label="Calculate due times"
          onSubmit={(e) => {
            e.preventDefault();
            calc.mutate();
          }}
        >
          <div className="form-grid">
            <label className="field">
              <span className="field-label">Work starts (your time)</span>
              <input
                type="datetime-local"
                className="settings-input"
                value={start}
                onChange={(e) => setStart(e.target.value)}
              />
            </label>
            <label className="field">
              <span className="field-label">Priority</span>
              <select value={priority} onChange={(e) => setPriority(e.target.value as Priority)}>
                {(['low', 'medium', 'high', 'critical'] as const).map((p) => (
                  <option key={p} value={p}>
                    {PRIORITY_LABELS[p]}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span className="field-label">Targets from</span>
              <select value={source} onChange={(e) => setSource(e.target.value)}>
                <option value="typed">Targets I type here</option>
                {(policies.data ?? []).map((p) => (
                  <option key={p.id} value={p.id}>
                    Policy: {p.name}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {source === 'typed' && (
            <div className="detail-section">
              <h3 className="detail-section-title">Targets</h3>
              {CALC_METRICS.map((metric) => (
                <div key={metric} className="inline-row">
                  <span style={{ width: 140 }}>{METRIC_LABELS[metric].title}</span>
                  <DurationInput
                    label={`${METRIC_LABELS[metric].title} target`}
                    units={['minutes', 'hours', 'days']}
                    value={targets[metric]}
                    onChange={(value) => setTargets({ ...targets, [metric]: value })}
                  />
                </div>
              ))}
            </div>
          )}
          <div className="detail-section">
            <h3 className="detail-section-title">Business calendar</h3>
            {source !== 'typed' && (
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={!ownCalendar}
                  onChange={(e) => setOwnCalendar(!e.target.checked)}
                />{' '}
                Use the policy's calendar
              </label>
            )}
            {(source === 'typed' || ownCalendar) && (
              <CalendarEditor value={calendar} onChange={setCalendar} />
            )}
          </div>
          {calc.error && <ErrorNotice error={calc.error} title="Could not calculate" compact />}
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={calc.isPending}>
              Calculate due times
            </button>
          </div>
        </form>
        <div className="form">
          <section className="detail-panel" aria-labelledby="due-title">
            <h2 id="due-title" className="detail-title">
              Due times
            </h2>
            {!calc.data && <p className="muted">Fill in the targets and calendar, then calculate.</p>}
            {calc.data && (
              <>
                <p className="small muted">
                  In {calc.data.timeZone.replaceAll('_', ' ')} · the calendar is{' '}
                  {calc.data.openNow ? 'open' : 'closed'} when work starts
                </p>
                <table className="table" aria-label="Due times">
                  <thead>
                    <tr>
                      <th scope="col">Measure</th>
                      <th scope="col">Target</th>
                      <th scope="col">Due</th>
                      <th scope="col">Clock time until then</th>
                    </tr>
                  </thead>
                  <tbody>
                    {calc.data.due.map((d) => (
                      <tr key={d.metric}>
                        <td>{METRIC_LABELS[d.metric].title}</td>
                        <td>
                          {describeDuration(d.target)}
                          {d.businessHours ? <span className="muted small"> in business hours</span> : ''}
                        </td>
                        <td className="nowrap">
                          <strong>{readableLocal(d.dueAtLocal)}</strong>
                        </td>
                        <td>{describeMs(d.wallClockMs)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            )}
          </section>
          <HistoryPanel
            onUse={(suggested) => {
              setSource('typed');
              setTargets({ ...targets, ...suggested });
            }}
            priority={priority}
          />
        </div>
      </div>
    </div>
  );
}
