import type { Issue } from '../../api/types.ts';
import { IssueRow } from './IssueRow.tsx';

export function IssueTable({ issues }: { issues: Issue[] }) {
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
          <th scope="col" className="col-time">
            Activity
          </th>
        </tr>
      </thead>
      <tbody>
        {issues.map((issue) => (
          <IssueRow key={issue.id} issue={issue} />
        ))}
      </tbody>
    </table>
  );
}
