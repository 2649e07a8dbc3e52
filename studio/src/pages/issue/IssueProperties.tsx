import type { Issue, IssuePatch } from '../../api/types.ts';
import { Detail } from '../../components/Detail.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { RelativeTime } from '../../components/RelativeTime.tsx';
import { useUpdateIssue } from '../../hooks/useUpdateIssue.ts';
import { AssigneeFields } from './AssigneeFields.tsx';
import { PriorityField } from './PriorityField.tsx';
import { StatusField } from './StatusField.tsx';
import { TagsField } from './TagsField.tsx';

/** The side panel: editable triage fields (saved on change) and read-only details. */
export function IssueProperties({ issue }: { issue: Issue }) {
  const update = useUpdateIssue(issue.id);
  const patch = (change: IssuePatch) => update.mutate(change);

  return (
    <div className="issue-details">
      <section className="panel">
        <div className="panel-header">
          <h2 className="panel-title">Properties</h2>
          <span className="saving" role="status" aria-live="polite">
            {update.isPending ? 'Saving…' : update.isSuccess ? 'Saved' : ''}
          </span>
        </div>
        {update.error && <ErrorNotice error={update.error} title="Change not saved" compact />}
        <StatusField value={issue.status} onChange={(status) => patch({ status })} />
        <PriorityField value={issue.priority} onChange={(priority) => patch({ priority })} />
        <AssigneeFields assignee={issue.assignee} onChange={(assignee) => patch({ assignee })} />
        <TagsField tags={issue.tags} onChange={(tags) => patch({ tags })} />
      </section>
      <section className="panel">
        <h2 className="panel-title">Details</h2>
        <dl className="kv">
          {issue.queue && <Detail label="Queue">{issue.queue}</Detail>}
          {issue.type && <Detail label="Type">{issue.type}</Detail>}
          {issue.language && <Detail label="Language">{issue.language}</Detail>}
          {issue.externalId && (
            <Detail label="External id">
              <span className="mono">{issue.externalId}</span>
            </Detail>
          )}
          <Detail label="Created">
            <RelativeTime iso={issue.createdAt} />
          </Detail>
          <Detail label="Last activity">
            <RelativeTime iso={issue.lastActivityAt} />
          </Detail>
          {issue.resolvedAt && (
            <Detail label="Resolved">
              <RelativeTime iso={issue.resolvedAt} />
            </Detail>
          )}
        </dl>
      </section>
    </div>
  );
}
