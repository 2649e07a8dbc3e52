import type { IssueFilterKey, IssueFilters } from '../../api/issues.ts';
import { CHANNELS, PRIORITIES, STATUSES } from '../../api/types.ts';
import { useDirectory } from '../../hooks/useDirectory.ts';
import { CHANNEL_LABELS, PRIORITY_LABELS, STATUS_LABELS } from '../../lib/format.ts';
import { SelectFilter } from './SelectFilter.tsx';
import { TextFilter } from './TextFilter.tsx';

interface Props {
  filters: IssueFilters;
  onChange: (key: IssueFilterKey, value: string | undefined) => void;
  onClear: () => void;
  activeCount: number;
}

const options = <K extends string>(values: readonly K[], labels: Record<K, string>) =>
  values.map((value) => ({ value, label: labels[value] }));

export function InboxFilters({ filters, onChange, onClear, activeCount }: Props) {
  const { teams, agents } = useDirectory();
  const agentOptions = agents
    .filter((agent) => !filters.teamId || agent.teamIds?.includes(filters.teamId))
    .map((agent) => ({ value: agent.id, label: agent.name }));

  return (
    <search className="filterbar" aria-label="Filter issues">
      <SelectFilter
        label="Status"
        value={filters.status}
        options={options(STATUSES, STATUS_LABELS)}
        onChange={(v) => onChange('status', v)}
      />
      <SelectFilter
        label="Priority"
        value={filters.priority}
        options={options(PRIORITIES, PRIORITY_LABELS)}
        onChange={(v) => onChange('priority', v)}
      />
      <SelectFilter
        label="Channel"
        value={filters.channel}
        options={options(CHANNELS, CHANNEL_LABELS)}
        onChange={(v) => onChange('channel', v)}
      />
      <SelectFilter
        label="Team"
        value={filters.teamId}
        options={teams.map((team) => ({ value: team.id, label: team.name }))}
        onChange={(v) => onChange('teamId', v)}
      />
      <SelectFilter
        label="Agent"
        value={filters.assigneeAgentId}
        options={agentOptions}
        onChange={(v) => onChange('assigneeAgentId', v)}
      />
      <TextFilter label="Queue" value={filters.queue} onCommit={(v) => onChange('queue', v)} />
      <TextFilter label="Tag" value={filters.tag} onCommit={(v) => onChange('tag', v)} />
      <TextFilter
        label="Customer ID"
        value={filters.customerId}
        onCommit={(v) => onChange('customerId', v)}
      />
      {activeCount > 0 && (
        <button type="button" className="button button-ghost button-small" onClick={onClear}>
          Clear filters ({activeCount})
        </button>
      )}
    </search>
  );
}
