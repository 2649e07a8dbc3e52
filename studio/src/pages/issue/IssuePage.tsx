import { useEffect, useMemo, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../api/errors.ts';
import { ChannelLabel } from '../../components/ChannelLabel.tsx';
import { CustomerName } from '../../components/CustomerName.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PriorityBadge } from '../../components/PriorityBadge.tsx';
import { RelativeTime } from '../../components/RelativeTime.tsx';
import { ShortcutHelp } from '../../components/ShortcutHelp.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { useIssue } from '../../hooks/useIssue.ts';
import { useMe } from '../../hooks/useMe.ts';
import { type Shortcut, useShortcuts } from '../../hooks/useShortcuts.ts';
import { eventFromHash, focusTimelineEvent } from '../../lib/focusEvent.ts';
import { WorkspaceProvider } from '../../workspace/WorkspaceContext.tsx';
import { Composer, type ComposerRequest } from './Composer.tsx';
import { HandoffBanner } from './handoff/HandoffBanner.tsx';
import { HandoffDialog } from './handoff/HandoffDialog.tsx';
import { IssueConversation } from './IssueConversation.tsx';
import { IssueSide, SIDE_TABS, type SideTab } from './IssueSide.tsx';
import { PlaybookPanel } from './playbook/PlaybookPanel.tsx';
import { WorkBanners } from './WorkBanners.tsx';

export function IssuePage() {
  const { issueId = '' } = useParams();
  const issue = useIssue(issueId);
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const [tab, setTab] = useState<SideTab>('context');
  const [handoff, setHandoff] = useState<{ agentId: string | null } | null>(null);
  const [composer, setComposer] = useState<ComposerRequest | null>(null);
  const [help, setHelp] = useState(false);
  const canWork = Boolean(me.data?.roles.some((r) => r === 'agent' || r === 'admin'));

  // A link to one event (a brief item elsewhere, a notification): scroll to it once the timeline is in.
  useEffect(() => {
    const eventId = eventFromHash(location.hash);
    if (eventId && issue.isSuccess) focusTimelineEvent(eventId);
  }, [location.hash, issue.isSuccess]);

  const workspaceMe = useMemo(
    () => ({
      id: me.data?.id ?? 'anonymous',
      name: me.data?.name ?? 'Someone',
      ...(me.data?.agentId ? { agentId: me.data.agentId } : {}),
    }),
    [me.data?.id, me.data?.name, me.data?.agentId],
  );

  const ask = (mode: ComposerRequest['mode'], text?: string) =>
    setComposer((prev) => ({ n: (prev?.n ?? 0) + 1, mode, ...(text ? { text } : {}) }));

  const shortcuts: Shortcut[] = [
    { keys: 'r', description: 'Reply to the customer', run: () => ask('agent_reply') },
    { keys: 'n', description: 'Write an internal note', run: () => ask('internal_note') },
    ...(canWork
      ? [{ keys: 'h', description: 'Hand off with a brief', run: () => setHandoff({ agentId: null }) }]
      : []),
    ...SIDE_TABS.map((t) => ({
      keys: t.key,
      description: `Show ${t.label.toLowerCase()}`,
      run: () => setTab(t.id),
    })),
    { keys: 'g w', description: 'Go to My work', run: () => navigate('/work') },
    { keys: 'g i', description: 'Go to the inbox', run: () => navigate('/inbox') },
    { keys: '?', description: 'Show these shortcuts', run: () => setHelp(true) },
  ];
  useShortcuts(shortcuts);

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
    <WorkspaceProvider issueId={data.id} me={workspaceMe}>
      <div className="page page-full page-split">
        <PageHeader
          title={data.subject}
          meta={
            <>
              <Link to={me.data?.agentId ? '/work' : '/inbox'} className="link-quiet">
                {me.data?.agentId ? 'My work' : 'Inbox'}
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
              <PriorityBadge priority={data.priority} />
              <StatusBadge status={data.status} />
              <span className="sep">·</span>
              <ChannelLabel channel={data.channel} />
              <span className="sep">·</span>
              <CustomerName id={data.customerId} />
              <span className="sep">·</span>
              <RelativeTime iso={data.createdAt} prefix="opened " />
            </>
          }
          actions={
            <>
              <button
                type="button"
                className="button button-small button-ghost"
                onClick={() => setHelp(true)}
                title="Keyboard shortcuts (?)"
              >
                Shortcuts
              </button>
              {canWork && (
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => setHandoff({ agentId: null })}
                  aria-keyshortcuts="h"
                  title="Hand off with a brief (h)"
                >
                  Hand off…
                </button>
              )}
            </>
          }
        />
        <div className="issue-layout">
          <section className="issue-main" aria-label="Conversation">
            <WorkBanners issueId={data.id} isAgent={Boolean(me.data?.agentId)} />
            <HandoffBanner issueId={data.id} me={me.data} />
            <PlaybookPanel issue={data} />
            <IssueConversation issue={data} />
            <Composer issueId={data.id} request={composer} />
          </section>
          <IssueSide
            issue={data}
            tab={tab}
            onTab={setTab}
            onUseInReply={(text) => ask('agent_reply', text)}
            onHandOff={(agentId) => setHandoff({ agentId })}
          />
        </div>
        {handoff && (
          <HandoffDialog issue={data} initialAgentId={handoff.agentId} onClose={() => setHandoff(null)} />
        )}
        {help && <ShortcutHelp shortcuts={shortcuts} onClose={() => setHelp(false)} />}
      </div>
    </WorkspaceProvider>
  );
}
