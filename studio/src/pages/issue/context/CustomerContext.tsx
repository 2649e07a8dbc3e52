import { Link } from 'react-router';
import { Detail } from '../../../components/Detail.tsx';
import { ErrorNotice } from '../../../components/ErrorNotice.tsx';
import { LocalTime } from '../../../components/LocalTime.tsx';
import { PriorityBadge } from '../../../components/PriorityBadge.tsx';
import { StatusBadge } from '../../../components/StatusBadge.tsx';
import { useCustomer } from '../../../hooks/useCustomer.ts';
import { useCustomerIssues } from '../../../hooks/useIssueContext.ts';
import { displayValue, humanize } from '../../../lib/format.ts';

const CLOSED = new Set(['resolved', 'closed']);

/** Who the customer is (tier, plan, their local time) and what else they have open with us. */
export function CustomerContext({ customerId, issueId }: { customerId: string; issueId: string }) {
  const customer = useCustomer(customerId);
  const issues = useCustomerIssues(customerId);
  const others = (issues.data?.items ?? []).filter((i) => i.id !== issueId && !CLOSED.has(i.status));
  const data = customer.data;
  const href = `/customers/${encodeURIComponent(customerId)}`;
  const plan = data?.attributes?.plan;
  const extra = Object.entries(data?.attributes ?? {}).filter(([key]) => key !== 'plan');
  return (
    <section className="panel" aria-label="Customer">
      <h2 className="panel-title">Customer</h2>
      {customer.isPending && <p className="muted small">Loading…</p>}
      {customer.isError && <ErrorNotice error={customer.error} title="Could not load the customer" compact />}
      {data && (
        <dl className="kv">
          <Detail label="Name">
            <Link to={href}>{data.name}</Link>
            {data.company ? <span className="muted"> · {data.company}</span> : null}
          </Detail>
          {data.tier && (
            <Detail label="Tier">
              <span className={`tier tier-${data.tier}`}>{humanize(data.tier)}</span>
            </Detail>
          )}
          {plan !== undefined && plan !== null && <Detail label="Plan">{displayValue(plan)}</Detail>}
          {data.timeZone && (
            <Detail label="Local time">
              <LocalTime timeZone={data.timeZone} />
            </Detail>
          )}
          {data.email && <Detail label="Email">{data.email}</Detail>}
          {extra.map(([key, value]) => (
            <Detail key={key} label={humanize(key)}>
              {displayValue(value)}
            </Detail>
          ))}
        </dl>
      )}
      <h3 className="panel-subtitle">Other open issues</h3>
      {issues.isSuccess && others.length === 0 && (
        <p className="muted small">None: this is their only open issue.</p>
      )}
      {others.length > 0 && (
        <ul className="mini-issues">
          {others.map((issue) => (
            <li key={issue.id}>
              <Link to={`/issues/${encodeURIComponent(issue.id)}`}>{issue.subject}</Link>
              <span className="mini-issue-meta">
                <PriorityBadge priority={issue.priority} /> <StatusBadge status={issue.status} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
