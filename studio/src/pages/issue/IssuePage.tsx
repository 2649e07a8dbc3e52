import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/errors.ts';
import { ChannelLabel } from '../../components/ChannelLabel.tsx';
import { CustomerName } from '../../components/CustomerName.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { RelativeTime } from '../../components/RelativeTime.tsx';
import { useIssue } from '../../hooks/useIssue.ts';
import { Composer } from './Composer.tsx';
import { IssueConversation } from './IssueConversation.tsx';
import { IssueProperties } from './IssueProperties.tsx';

export function IssuePage() {
  const { issueId = '' } = useParams();
  const issue = useIssue(issueId);

  if (issue.isPending) {
    return (
      <div className="page">
        <Loading label="Loading issue…" />
      </div>
    );
  }
  if (issue.isError) {
    const notFound = isApiError(issue.error) && issue.error.status === 404;
    return (
      <div className="page page-narrow">
        <ErrorNotice
          error={issue.error}
          title={notFound ? 'Issue not found' : 'Could not load the issue'}
          onRetry={notFound ? undefined : () => void issue.refetch()}
        />
        <p>
          <Link to="/inbox">Back to the inbox</Link>
        </p>
      </div>
    );
  }

  const data = issue.data;
  return (
    <div className="page page-full page-split">
      <PageHeader
        title={data.subject}
        meta={
          <>
            <Link to="/inbox" className="link-quiet">
              Inbox
            </Link>
            {data.externalId && (
              <>
                <span className="sep">/</span>
                <span className="mono" title="Reference in the source system">
                  {data.externalId}
                </span>
              </>
            )}
            <span className="sep">·</span>
            <ChannelLabel channel={data.channel} />
            <span className="sep">·</span>
            <CustomerName id={data.customerId} />
            <span className="sep">·</span>
            <RelativeTime iso={data.createdAt} prefix="opened " />
          </>
        }
      />
      <div className="issue-layout">
        <section className="issue-main" aria-label="Conversation">
          <IssueConversation issue={data} />
          <Composer issueId={data.id} />
        </section>
        <IssueProperties issue={data} />
      </div>
    </div>
  );
}
