import { ReactFlowProvider } from '@xyflow/react';
import { useParams } from 'react-router';
import '@xyflow/react/dist/style.css';
import '../../styles/editor.css';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Loading } from '../../components/Loading.tsx';
import { useFlow } from '../../hooks/useFlow.ts';
import { useMe } from '../../hooks/useMe.ts';
import { useNodeKinds } from '../../hooks/useNodeKinds.ts';
import { FlowEditor } from './FlowEditor.tsx';

/** `/flows/:flowId`: the visual editor of one flow's live draft. */
export function FlowEditorPage() {
  const { flowId = '' } = useParams();
  const flow = useFlow(flowId);
  const catalog = useNodeKinds();
  const me = useMe();
  if (flow.error)
    return (
      <ErrorNotice error={flow.error} title="Could not open this flow" onRetry={() => void flow.refetch()} />
    );
  if (catalog.error)
    return (
      <ErrorNotice
        error={catalog.error}
        title="Could not load the node kinds"
        onRetry={() => void catalog.refetch()}
      />
    );
  if (!flow.data || !catalog.data || !me.data) return <Loading label="Opening the flow…" />;
  const canWrite = me.data.roles.some((r) => r === 'admin' || r === 'designer');
  return (
    <ReactFlowProvider>
      <FlowEditor key={flowId} flow={flow.data} catalog={catalog.data} me={me.data} readOnly={!canWrite} />
    </ReactFlowProvider>
  );
}
