import { useState } from 'react';
import { useNavigate } from 'react-router';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { parseFlowFile } from '../../flow/fileFormat.ts';
import { useCreateFlow } from '../../hooks/useCreateFlow.ts';
import { useFlows } from '../../hooks/useFlows.ts';
import { useMe } from '../../hooks/useMe.ts';
import { FlowTable } from './FlowTable.tsx';
import { NewFlowDialog } from './NewFlowDialog.tsx';

/** `/flows`: every flow and playbook with its state, versions and last run. */
export function FlowsPage() {
  const flows = useFlows();
  const me = useMe();
  const create = useCreateFlow();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const [importProblems, setImportProblems] = useState<{ file: string; problems: string[] } | null>(null);
  const canWrite = Boolean(me.data?.roles.some((r) => r === 'admin' || r === 'designer'));

  const importFile = async (file: File) => {
    setImportProblems(null);
    const parsed = parseFlowFile(await file.text(), file.name.replace(/\.(flow\.)?json$/i, ''));
    if (!parsed.ok) return setImportProblems({ file: file.name, problems: parsed.problems });
    create.mutate(
      {
        name: parsed.flow.name,
        kind: parsed.flow.kind,
        ...(parsed.flow.description ? { description: parsed.flow.description } : {}),
        nodes: parsed.flow.nodes,
        edges: parsed.flow.edges,
      },
      { onSuccess: (flow) => navigate(`/flows/${flow.id}`) },
    );
  };

  return (
    <div className="page page-full">
      <PageHeader
        title="Flows"
        meta="Routing logic, escalation paths and playbooks, drawn and published here"
        actions={
          canWrite && (
            <>
              <label className="button">
                Import…
                <input
                  type="file"
                  accept="application/json,.json"
                  className="visually-hidden"
                  aria-label="Import a flow file"
                  onChange={(e) => {
                    const file = e.target.files?.[0];
                    if (file) void importFile(file);
                    e.target.value = '';
                  }}
                />
              </label>
              <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
                New flow
              </button>
            </>
          )
        }
      />
      <div className="page-body">
        {importProblems && (
          <div className="notice notice-error" role="alert">
            <div className="notice-body">
              <strong className="notice-title">{importProblems.file} was not imported</strong>
              <ul className="notice-errors">
                {importProblems.problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </div>
            <button type="button" className="button button-small" onClick={() => setImportProblems(null)}>
              Dismiss
            </button>
          </div>
        )}
        {create.error && <ErrorNotice error={create.error} title="Could not create the flow" />}
        {flows.isPending ? (
          <Loading label="Loading flows…" />
        ) : flows.error ? (
          <ErrorNotice
            error={flows.error}
            title="Could not load the flows"
            onRetry={() => void flows.refetch()}
          />
        ) : flows.data.items.length === 0 ? (
          <EmptyState title="No flows yet">
            {canWrite
              ? 'Create one to route, escalate or hand off issues automatically.'
              : 'Designers create flows here.'}
          </EmptyState>
        ) : (
          <FlowTable flows={flows.data.items} canWrite={canWrite} />
        )}
      </div>
      {creating && <NewFlowDialog onClose={() => setCreating(false)} />}
    </div>
  );
}
