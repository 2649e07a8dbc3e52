import type { SlaClockView } from '@baton/schemas/types';
import type { Issue } from '../../api/types.ts';
import { IssueRow } from './IssueRow.tsx';

interface SlaColumn {
  byIssue: Map<string, SlaClockView>;
  readAt: number;
  sorted: boolean;
  onSort(): void;
}

export function IssueTable({ issues, sla }: { issues: Issue[]; sla?: SlaColumn }) {
  return (
    <table className="table issue-table" aria-label="Issues">
      <thead>
        <tr>
          <th scope="col" className="col-priority">
            Priority
          </th>
          <th scope="col">Subject</th>
          <th scope="col" className="col-customer">
            Customer
          </th>
          <th scope="col" className="col-status">
            Status
          </th>
          <th scope="col" className="col-channel">
            Channel
          </th>
          <th scope="col" className="col-assignee">
            Assignee
          </th>
          <th scope="col" className="col-sla" aria-sort={sla?.sorted ? 'ascending' : 'none'}>
            <button
              type="button"
              className="th-sort"
              onClick={sla?.onSort}
              title="Sort by time left on the SLA"
            >
              SLA {sla?.sorted ? '↑' : '↕'}
            </button>
          </th>
          <th scope="col" className="col-time">
            Activity
          </th>
        </tr>
      </thead>
      <tbody>
        {issues.map((issue) => (
          <IssueRow
            key={issue.id}
            issue={issue}
            clock={sla?.byIssue.get(issue.id)}
            readAt={sla?.readAt ?? 0}
          />
        ))}
      </tbody>
    </table>
  );
}
