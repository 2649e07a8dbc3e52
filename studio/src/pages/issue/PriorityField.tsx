import { useId } from 'react';
import { PRIORITIES, type Priority } from '../../api/types.ts';
import { PRIORITY_LABELS } from '../../lib/format.ts';

export function PriorityField({ value, onChange }: { value: Priority; onChange: (value: Priority) => void }) {
  const id = useId();
  return (
    <div className="prop">
      <label htmlFor={id} className="prop-label">
        Priority
      </label>
      <select
        id={id}
        className={`prop-select priority-${value}`}
        value={value}
        onChange={(e) => onChange(e.target.value as Priority)}
      >
        {PRIORITIES.map((priority) => (
          <option key={priority} value={priority}>
            {PRIORITY_LABELS[priority]}
          </option>
        ))}
      </select>
    </div>
  );
}
