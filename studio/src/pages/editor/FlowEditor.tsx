import type {
  FlowRecord,
  FlowReplayReport,
  FlowValidationIssue,
  NodeKindCatalog,
  NodeKindDescription,
} from '@baton/schemas/types';
import { useReactFlow } from '@xyflow/react';
import { useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { Principal } from '../../api/types.ts';
import { Loading } from '../../components/Loading.tsx';
import type { FlowChange } from '../../flow/changes.ts';
import { type FlowGraph, nodeName } from '../../flow/graph.ts';
import { newId, uniqueLabel } from '../../flow/ids.ts';
import { NO_OVERLAY, type Overlay, traceByNode } from '../../flow/overlay.ts';
import { applyChanges } from '../../flow/ydoc.ts';
import { useAutoLayout } from '../../hooks/useAutoLayout.ts';
import { NamesContext, useCanvasNames } from '../../hooks/useCanvasNames.ts';
import { useEditorPanels } from '../../hooks/useEditorPanels.ts';
import { useEditorShortcuts } from '../../hooks/useEditorShortcuts.ts';
import { useFitAfterChange } from '../../hooks/useFitAfterChange.ts';
import { useFitNow } from '../../hooks/useFitNow.ts';
import { useFlowClipboard } from '../../hooks/useFlowClipboard.ts';
import { useFlowFiles } from '../../hooks/useFlowFiles.ts';
import { useFlowGraph } from '../../hooks/useFlowGraph.ts';
import { useLiveDoc } from '../../hooks/useLiveDoc.ts';
import { useLiveValidation } from '../../hooks/useLiveValidation.ts';
import { usePresence } from '../../hooks/usePresence.ts';
import { useUndoManager } from '../../hooks/useUndoManager.ts';
import { Canvas, type Selection } from './canvas/Canvas.tsx';
import { OverlayBanner } from './canvas/OverlayBanner.tsx';
import { ConditionCatalogContext } from './condition/ConditionCatalog.ts';
import { EditorHeader } from './EditorHeader.tsx';
import { EditorNotice, type Notice } from './EditorNotice.tsx';
import { LabelContext } from './inspector/IssueList.tsx';
import { defaultData } from './palette/defaultData.ts';
import { Palette } from './palette/Palette.tsx';
import { SidePanel, type SideTab } from './SidePanel.tsx';
import { PublishDialog } from './toolbar/PublishDialog.tsx';
import { ShortcutsHelp } from './toolbar/ShortcutsHelp.tsx';

interface Props {
  flow: FlowRecord;
  catalog: NodeKindCatalog;
  me: Principal;
  readOnly: boolean;
}

type Dialog = 'none' | 'publish' | 'help';

/** The first place at or below `at` where a new node does not cover another. */
function freeSpot(at: { x: number; y: number }, nodes: { position: { x: number; y: number } }[]) {
  const spot = { ...at };
  for (let i = 0; i < 50; i++) {
    const covered = nodes.some(
      (n) => Math.abs(n.position.x - (spot.x - 90)) < 230 && Math.abs(n.position.y - (spot.y - 30)) < 120,
    );
    if (!covered) break;
    spot.y += 130;
  }
  return spot;
}

export function FlowEditor({ flow, catalog, me, readOnly: roleReadOnly }: Props) {
  const rf = useReactFlow();
  const fitNow = useFitNow();
  const { live, status, synced } = useLiveDoc(`flow:${flow.id}`);
  const doc = live?.doc;
  const graph = useFlowGraph(synced ? doc : undefined);
  const readOnly = roleReadOnly || status.state === 'closed';
  const validation = useLiveValidation(graph, synced);
  const user = useMemo(() => ({ name: me.name }), [me.name]);
  const { peers, share } = usePresence(live?.provider.awareness, user);
  const undo = useUndoManager(doc);
  const kinds = useMemo(
    () => new Map<string, NodeKindDescription>(catalog.kinds.map((k) => [k.type, k])),
    [catalog],
  );

  const [selection, setSelection] = useState<Selection>({ nodes: [], edges: [] });
  const [params] = useSearchParams();
  const [tab, setTab] = useState<SideTab>(() => {
    const asked = params.get('tab');
    return asked === 'versions' || asked === 'runs' || asked === 'simulate' || asked === 'replay'
      ? asked
      : 'inspect';
  });
  const [overlay, setOverlay] = useState<Overlay>(NO_OVERLAY);
  const [dialog, setDialog] = useState<Dialog>('none');
  const [notice, setNotice] = useState<Notice | null>(null);
  const [panels, togglePanel] = useEditorPanels();

  const change = useCallback(
    (changes: FlowChange[]) => {
      if (doc && !readOnly) applyChanges(doc, changes);
    },
    [doc, readOnly],
  );

  const select = useCallback(
    (next: Selection) => {
      setSelection(next);
      share({ selection: next.nodes }, true);
    },
    [share],
  );

  const focusNode = useCallback(
    (id: string) => {
      select({ nodes: [id], edges: [] });
      setTab('inspect');
      fitNow({ nodeIds: [id], maxZoom: 1.1 });
    },
    [fitNow, select],
  );

  const focusIssue = useCallback(
    (issue: FlowValidationIssue) => {
      if (issue.nodeId && !issue.edgeId) focusNode(issue.nodeId);
      else if (issue.edgeId) select({ nodes: [], edges: [issue.edgeId] });
    },
    [focusNode, select],
  );

  const centre = () => {
    const el = document.querySelector('.canvas')?.getBoundingClientRect();
    return rf.screenToFlowPosition({
      x: (el?.left ?? 0) + (el?.width ?? 800) / 2,
      y: (el?.top ?? 0) + (el?.height ?? 600) / 2,
    });
  };

  const addNode = (kind: NodeKindDescription) => {
    if (readOnly) return;
    const at = freeSpot(centre(), graph.nodes);
    const id = newId(kind.type);
    change([
      {
        type: 'add-node',
        node: {
          id,
          type: kind.type,
          label: uniqueLabel(kind.title, graph.nodes),
          position: { x: at.x - 90, y: at.y - 30 },
          data: defaultData(kind),
        },
      },
    ]);
    select({ nodes: [id], edges: [] });
  };

  const clip = useFlowClipboard({
    graph,
    selected: selection.nodes,
    readOnly,
    change,
    newStep: undo.stop,
    select: (nodes) => select({ nodes, edges: [] }),
  });
  const fitAfter = useFitAfterChange(graph);
  const layout = useAutoLayout({ graph, kinds, readOnly, change, newStep: undo.stop, fitAfter });
  const files = useFlowFiles({ flow, graph, change, newStep: undo.stop, notify: setNotice, fitAfter });
  const restore = (restored: FlowGraph, version: number) => {
    files.restore(restored, version);
    setOverlay(NO_OVERLAY);
  };

  useEditorShortcuts(
    {
      undo: undo.undo,
      redo: undo.redo,
      copy: clip.copy,
      cut: clip.cut,
      paste: clip.paste,
      duplicate: clip.duplicate,
      selectAll: () => select({ nodes: graph.nodes.map((n) => n.id), edges: [] }),
      togglePalette: () => togglePanel('palette'),
      toggleSidePanel: () => togglePanel('side'),
      layout: () => void layout(),
      fit: () => fitNow(),
      publish: () => !readOnly && setDialog('publish'),
      help: () => setDialog('help'),
      escape: () => {
        select({ nodes: [], edges: [] });
        setNotice(null);
      },
    },
    synced && dialog === 'none',
  );

  const nameOf = useCanvasNames();
  // Messages and traces name a node as the canvas titles it.
  const labelOf = useMemo(() => {
    const labels = new Map(graph.nodes.map((n) => [n.id, nodeName(n)]));
    return (id: string) => labels.get(id);
  }, [graph.nodes]);
  const triggerEvents = useMemo(() => catalog.triggerEvents.map((e) => e.type), [catalog]);
  const traces = useMemo(() => (overlay.type === 'trace' ? traceByNode(overlay) : null), [overlay]);

  return (
    <ConditionCatalogContext.Provider value={catalog}>
      <NamesContext.Provider value={nameOf}>
        <LabelContext.Provider value={labelOf}>
          <div className="editor">
            <EditorHeader
              flow={flow}
              name={graph.name ?? flow.name}
              status={status}
              readOnly={readOnly}
              peers={peers}
              undo={undo}
              validation={validation}
              onRename={(name) => change([{ type: 'set-name', name }])}
              onLayout={() => void layout()}
              onFit={() => fitNow()}
              onImport={(file) => void files.importFile(file)}
              onExport={files.exportFile}
              onPublish={() => setDialog('publish')}
              onHelp={() => setDialog('help')}
            />
            <div
              className={`editor-body${panels.palette ? '' : ' palette-collapsed'}${panels.side ? '' : ' side-collapsed'}`}
            >
              <Palette
                kinds={catalog.kinds}
                disabled={readOnly || !synced}
                onAdd={addNode}
                collapsed={!panels.palette}
                onToggle={() => togglePanel('palette')}
              />
              <div className="editor-canvas">
                {notice && <EditorNotice notice={notice} onDismiss={() => setNotice(null)} />}
                <OverlayBanner overlay={overlay} onClear={() => setOverlay(NO_OVERLAY)} />
                {synced && doc ? (
                  <Canvas
                    doc={doc}
                    graph={graph}
                    catalog={catalog}
                    readOnly={readOnly}
                    validation={validation}
                    overlay={overlay}
                    peers={peers}
                    share={share}
                    selection={selection}
                    onSelectionChange={select}
                  />
                ) : status.state === 'closed' ? (
                  <div className="notice notice-error editor-closed" role="alert">
                    <div className="notice-body">
                      <strong className="notice-title">The live draft could not be opened</strong>
                      <span className="notice-detail">
                        {status.reason || `The server closed the connection (${status.code}).`}
                      </span>
                    </div>
                  </div>
                ) : (
                  <Loading label="Connecting to the live draft…" />
                )}
              </div>
              <SidePanel
                collapsed={!panels.side}
                onToggle={() => togglePanel('side')}
                tab={tab}
                onTab={setTab}
                flow={flow}
                graph={graph}
                kinds={kinds}
                selection={selection}
                validation={validation}
                overlay={overlay}
                traces={traces}
                readOnly={readOnly}
                events={triggerEvents}
                change={change}
                onOverlay={setOverlay}
                openRunId={params.get('run')}
                onFocusNode={focusNode}
                onFocusIssue={focusIssue}
                onRestore={restore}
                onReplay={(report: FlowReplayReport | null) =>
                  setOverlay(report ? { type: 'replay', report } : NO_OVERLAY)
                }
              />
            </div>
            {dialog === 'publish' && (
              <PublishDialog
                flowId={flow.id}
                errorCount={validation.report?.errors.length ?? null}
                onClose={() => setDialog('none')}
                onPublished={(version) => {
                  setNotice({
                    tone: 'info',
                    title: `Published version ${version.version}`,
                    lines: [version.note || 'No note.'],
                  });
                  setTab('versions');
                }}
              />
            )}
            {dialog === 'help' && <ShortcutsHelp onClose={() => setDialog('none')} />}
          </div>
        </LabelContext.Provider>
      </NamesContext.Provider>
    </ConditionCatalogContext.Provider>
  );
}
