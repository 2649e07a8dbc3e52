import { Link } from 'react-router';
import type { Agent, Team } from '../../api/types.ts';
import { Avatar } from '../../components/Avatar.tsx';
import { LocalTime } from '../../components/LocalTime.tsx';
import { CHANNEL_LABELS, humanize, labelOf } from '../../lib/format.ts';
import { summarizeWorkingHours, workingHoursRows } from '../../lib/workingHours.ts';

export function AgentRow({ agent, teamById }: { agent: Agent; teamById: Map<string, Team> }) {
  const capacity = Object.entries(agent.capacity ?? {});
  const hours = summarizeWorkingHours(agent.workingHours);
  const hoursDetail = workingHoursRows(agent.workingHours)
    .map((row) => `${row.day} ${row.hours}`)
    .join('\n');

  return (
    <tr>
      <td>
        <div className="agent-cell">
          <Avatar name={agent.name} size="sm" />
          <div>
            <Link to={`/inbox?assigneeAgentId=${encodeURIComponent(agent.id)}`} className="agent-name">
              {agent.name}
            </Link>
            {agent.email && <div className="muted small">{agent.email}</div>}
            {agent.languages && agent.languages.length > 0 && (
              <div className="muted small">Speaks {agent.languages.join(', ')}</div>
            )}
          </div>
        </div>
      </td>
      <td>
        {agent.status ? (
          <span className={`badge presence presence-${agent.status}`}>
            <span className="status-dot" aria-hidden="true" />
            {humanize(agent.status)}
          </span>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td>
        {(agent.teamIds ?? []).map((id) => teamById.get(id)?.name ?? id).join(', ') || (
          <span className="muted">—</span>
        )}
      </td>
      <td>
        <span className="tags">
          {(agent.skills ?? []).map((s) => (
            <span key={s.skill} className="tag" title={`${s.skill}: level ${s.level}`}>
              {s.skill} <span className="tag-level">{s.level}</span>
            </span>
          ))}
        </span>
      </td>
      <td className="small">
        {capacity.length ? (
          capacity.map(([channel, count]) => (
            <span key={channel} className="capacity">
              {labelOf(CHANNEL_LABELS, channel)} <strong>{count}</strong>
            </span>
          ))
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td className="small" title={hoursDetail || undefined}>
        {hours ?? <span className="muted">—</span>}
      </td>
      <td className="small">
        {agent.timeZone ? <LocalTime timeZone={agent.timeZone} /> : <span className="muted">—</span>}
      </td>
    </tr>
  );
}
