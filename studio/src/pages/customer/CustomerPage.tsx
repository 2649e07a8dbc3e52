import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/errors.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useCustomer } from '../../hooks/useCustomer.ts';
import { useIssueList } from '../../hooks/useIssueList.ts';
import { CustomerIssues } from './CustomerIssues.tsx';
import { CustomerProfile } from './CustomerProfile.tsx';
import { CustomerTimeline } from './CustomerTimeline.tsx';

export function CustomerPage() {
  const { customerId = '' } = useParams();
  const customer = useCustomer(customerId);
  const issues = useIssueList({ customerId });
  const issueById = new Map((issues.data ?? []).map((issue) => [issue.id, issue]));

  if (customer.isPending) {
    return (
      <div className="page">
        <Loading label="Loading customer…" />
      </div>
    );
  }
  if (customer.isError) {
    const notFound = isApiError(customer.error) && customer.error.status === 404;
    return (
      <div className="page page-narrow">
        <ErrorNotice
          error={customer.error}
          title={notFound ? 'Customer not found' : 'Could not load the customer'}
          onRetry={notFound ? undefined : () => void customer.refetch()}
        />
        <p>
          <Link to="/inbox">Back to the inbox</Link>
        </p>
      </div>
    );
  }

  const data = customer.data;
  return (
    <div className="page page-full page-split">
      <PageHeader
        title={data.name}
        meta={
          [data.company, data.email].filter(Boolean).join(' · ') || <span className="mono">{data.id}</span>
        }
      />
      <div className="issue-layout">
        <section className="issue-main" aria-labelledby="customer-timeline-title">
          <h2 id="customer-timeline-title" className="section-title">
            Timeline across all issues
          </h2>
          <CustomerTimeline customerId={data.id} issueById={issueById} />
        </section>
        <aside className="issue-side" aria-label="Customer details">
          <CustomerProfile customer={data} />
          <CustomerIssues customerId={data.id} issues={issues} />
        </aside>
      </div>
    </div>
  );
}
