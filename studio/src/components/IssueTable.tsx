import type { SlaClockView } from '@baton/schemas/types';
import type { Issue } from '../api/types.ts';
import { IssueRow } from './IssueRow.tsx';

interface SlaColumn {
  byIssue: Map<string, SlaClockView>;
  readAt: number;
  /** Given, the SLA header sorts by time left (the inbox); absent, it is a plain header (My work). */
  sort?: { sorted: boolean; onSort(): void };
}

/**
 * A list of issues, one row each, as the inbox and My work show them. `mine` leaves out the assignee
 * column: every row there is the reader's own.
 */
export function IssueTable({
  issues,
  sla,
  label = 'Issues',
  mine = false,
}: {
  issues: Issue[];
  sla?: SlaColumn;
  label?: string;
  mine?: boolean;
}) {
  const sort = sla?.sort;
  return (
    <table className="table issue-table" aria-label={label}>
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
          {!mine && (
            <th scope="col" className="col-assignee">
              Assignee
            </th>
          )}
          <th
            scope="col"
            className="col-sla"
            aria-sort={sort ? (sort.sorted ? 'ascending' : 'none') : undefined}
          >
            {sort ? (
              <button
                type="button"
                className="th-sort"
                onClick={sort.onSort}
                title="Sort by time left on the SLA"
              >
                SLA {sort.sorted ? '↑' : '↕'}
              </button>
            ) : (
              'SLA'
            )}
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
            showAssignee={!mine}
          />
        ))}
      </tbody>
    </table>
  );
}
