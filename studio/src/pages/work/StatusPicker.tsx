import type { AgentStatusUpdate } from '@baton/schemas/types';
import { useId } from 'react';
import { setMyStatus } from '../../api/work.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { useWorkAction } from '../../hooks/useWorkAction.ts';

type Status = AgentStatusUpdate['status'];

const STATUSES: { value: Status; label: string; hint: string }[] = [
  { value: 'available', label: 'Available', hint: 'New work is offered to you' },
  { value: 'busy', label: 'Busy', hint: 'Keep your issues; no new offers' },
  { value: 'away', label: 'Away', hint: 'Stepped out; no new offers' },
  { value: 'offline', label: 'Offline', hint: 'Done for the day' },
];

/** My status: whether routing offers me new work. Becoming available re-drains the queues. */
export function StatusPicker({ status }: { status: string | undefined }) {
  const name = useId();
  const change = useWorkAction((next: Status) => setMyStatus(next));
  const current = change.isPending ? change.variables : status;
  return (
    <div className="status-picker">
      <fieldset className="segmented" aria-label="My status">
        <legend className="visually-hidden">My status</legend>
        {STATUSES.map((s) => (
          <label
            key={s.value}
            className={s.value === current ? `segment active status-${s.value}` : 'segment'}
            title={s.hint}
          >
            <input
              type="radio"
              name={name}
              value={s.value}
              checked={s.value === current}
              onChange={() => change.mutate(s.value)}
            />
            {s.label}
          </label>
        ))}
      </fieldset>
      {change.error && <ErrorNotice error={change.error} title="Status not changed" compact />}
    </div>
  );
}
