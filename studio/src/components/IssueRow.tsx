import type { SlaClockView } from '@baton/schemas/types';
import type { MouseEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import type { Issue } from '../api/types.ts';
import { AssigneeLabel } from './AssigneeLabel.tsx';
import { ChannelLabel } from './ChannelLabel.tsx';
import { CustomerName } from './CustomerName.tsx';
import { PriorityBadge } from './PriorityBadge.tsx';
import { RelativeTime } from './RelativeTime.tsx';
import { SlaChip } from './SlaChip.tsx';
import { StatusBadge } from './StatusBadge.tsx';
import { TagList } from './TagList.tsx';

export function IssueRow({
  issue,
  clock,
  readAt,
  showAssignee = true,
}: {
  issue: Issue;
  clock?: SlaClockView;
  readAt: number;
  showAssignee?: boolean;
}) {
  const navigate = useNavigate();
  const href = `/issues/${encodeURIComponent(issue.id)}`;

  // The subject is the real link (keyboard, middle-click); a click elsewhere on the row opens it too.
  const onRowClick = (event: MouseEvent<HTMLTableRowElement>) => {
    const target = event.target as HTMLElement;
    if (target.closest('a, button, input, select') || window.getSelection()?.toString()) return;
    navigate(href);
  };

  return (
    <tr className="issue-row" onClick={onRowClick}>
      <td className="col-priority">
        <PriorityBadge priority={issue.priority} />
      </td>
      <td className="col-subject">
        <Link to={href} className="issue-subject">
          {issue.subject}
        </Link>
        <span className="issue-sub">
          {issue.queue && <span className="muted">{issue.queue}</span>}
          <TagList tags={issue.tags} max={3} />
        </span>
      </td>
      <td className="col-customer">
        <CustomerName id={issue.customerId} />
      </td>
      <td className="col-status">
        <StatusBadge status={issue.status} />
      </td>
      <td className="col-channel">
        <ChannelLabel channel={issue.channel} />
      </td>
      {showAssignee && (
        <td className="col-assignee">
          <AssigneeLabel assignee={issue.assignee} />
        </td>
      )}
      <td className="col-sla">
        {clock ? <SlaChip clock={clock} readAt={readAt} /> : <span className="muted">—</span>}
      </td>
      <td className="col-time">
        <RelativeTime iso={issue.lastActivityAt} />
      </td>
    </tr>
  );
}
