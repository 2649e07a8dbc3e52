import type { ReactNode } from 'react';
import type { Issue } from '../../api/types.ts';
import { BriefPanel } from './context/BriefPanel.tsx';
import { CustomerContext } from './context/CustomerContext.tsx';
import { ExpertsPanel } from './context/ExpertsPanel.tsx';
import { SimilarPanel } from './context/SimilarPanel.tsx';
import { SlaPanel } from './context/SlaPanel.tsx';
import { IssueProperties } from './IssueProperties.tsx';
import { WorkspacePanel } from './workspace/WorkspacePanel.tsx';

export type SideTab = 'context' | 'workspace' | 'details';

export const SIDE_TABS: { id: SideTab; label: string; key: string }[] = [
  { id: 'context', label: 'Context', key: '1' },
  { id: 'workspace', label: 'Workspace', key: '2' },
  { id: 'details', label: 'Details', key: '3' },
];

/**
 * The right column: the context package (SLA, brief, customer, similar, experts), the live shared
 * workspace, and the editable details. `playbook` is the slot for the issue's playbook panel
 * (issue 15): shown first under Context, where an agent looks for what to do next.
 */
export function IssueSide({
  issue,
  tab,
  onTab,
  onUseInReply,
  onHandOff,
  playbook,
}: {
  issue: Issue;
  tab: SideTab;
  onTab(tab: SideTab): void;
  onUseInReply(text: string): void;
  onHandOff(agentId: string): void;
  playbook?: ReactNode;
}) {
  return (
    <aside className="issue-side" aria-label="Issue context">
      <div className="side-tabs" role="tablist" aria-label="Side panel">
        {SIDE_TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            className={tab === t.id ? 'side-tab active' : 'side-tab'}
            onClick={() => onTab(t.id)}
            title={`${t.label} (${t.key})`}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div className="side-body" role="tabpanel">
        {tab === 'context' && (
          <>
            {playbook}
            <SlaPanel issueId={issue.id} />
            <BriefPanel issueId={issue.id} />
            <CustomerContext customerId={issue.customerId} issueId={issue.id} />
            <SimilarPanel issueId={issue.id} onUseInReply={onUseInReply} />
            <ExpertsPanel issueId={issue.id} ownerAgentId={issue.assignee?.agentId} onHandOff={onHandOff} />
          </>
        )}
        {/* The workspace stays mounted (hidden) so presence and notes stay live while reading context. */}
        <div hidden={tab !== 'workspace'}>
          <WorkspacePanel issueId={issue.id} />
        </div>
        {tab === 'details' && <IssueProperties issue={issue} />}
      </div>
    </aside>
  );
}
