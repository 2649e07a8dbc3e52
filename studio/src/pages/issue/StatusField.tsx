import { useId } from 'react';
import { type IssueStatus, STATUSES } from '../../api/types.ts';
import { STATUS_LABELS } from '../../lib/format.ts';

export function StatusField({
  value,
  onChange,
}: {
  value: IssueStatus;
  onChange: (value: IssueStatus) => void;
}) {
  const id = useId();
  return (
    <div className="prop">
      <label htmlFor={id} className="prop-label">
        Status
      </label>
      <select
        id={id}
        className={`prop-select status-${value}`}
        value={value}
        onChange={(e) => onChange(e.target.value as IssueStatus)}
      >
        {STATUSES.map((status) => (
          <option key={status} value={status}>
            {STATUS_LABELS[status]}
          </option>
        ))}
      </select>
    </div>
  );
}
