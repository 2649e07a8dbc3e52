import type {
  FlowRecord,
  FlowReplayReport,
  FlowValidationIssue,
  NodeKindCatalog,
  NodeKindDescription,
} from '@baton/schemas/types';
import { useReactFlow } from '@xyflow/react';
import { useCallback, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { Principal } from '../../api/types.ts';
import { Loading } from '../../components/Loading.tsx';
import type { FlowChange } from '../../flow/changes.ts';
import { fragmentOf, parseFragment, pasteChanges, serializeFragment } from '../../flow/clipboard.ts';
import { downloadText, fileNameFor, flowFileText, parseFlowFile } from '../../flow/fileFormat.ts';
import type { FlowGraph } from '../../flow/graph.ts';
import { outputHandles } from '../../flow/handles.ts';
import { newId } from '../../flow/ids.ts';
import { autoLayout } from '../../flow/layout.ts';
import { NO_OVERLAY, type Overlay, traceByNode } from '../../flow/overlay.ts';
import { applyChanges } from '../../flow/ydoc.ts';
import { useEditorShortcuts } from '../../hooks/useEditorShortcuts.ts';
import { useFlowDocument } from '../../hooks/useFlowDocument.ts';
import { useFlowGraph } from '../../hooks/useFlowGraph.ts';
import { useLiveValidation } from '../../hooks/useLiveValidation.ts';
import { usePresence } from '../../hooks/usePresence.ts';
import { useUndoManager } from '../../hooks/useUndoManager.ts';
import { Canvas, type Selection } from './canvas/Canvas.tsx';
import { OverlayBanner } from './canvas/OverlayBanner.tsx';
import { ConditionCatalogContext } from './condition/ConditionCatalog.ts';
import { EditorHeader } from './EditorHeader.tsx';
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
type Notice = { tone: 'error' | 'info'; title: string; lines: string[] } | null;

const PASTE_OFFSET = { x: 40, y: 40 };

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
  const { live, status, synced } = useFlowDocument(flow.id);
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
  const [notice, setNotice] = useState<Notice>(null);
  const clipboard = useRef<string | null>(null);
  const pasteCount = useRef(0);

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
      void rf.fitView({ nodes: [{ id }], maxZoom: 1.1, duration: 250 });
    },
    [rf, select],
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
        node: { id, type: kind.type, position: { x: at.x - 90, y: at.y - 30 }, data: defaultData(kind) },
      },
    ]);
    select({ nodes: [id], edges: [] });
  };

  const copy = () => {
    if (!selection.nodes.length) return null;
    const text = serializeFragment(fragmentOf(graph, new Set(selection.nodes)));
    clipboard.current = text;
    pasteCount.current = 0;
    return text;
  };

  const paste = (text?: string) => {
    if (readOnly) return;
    const fragment =
      (text ? parseFragment(text) : null) ?? (clipboard.current ? parseFragment(clipboard.current) : null);
    if (!fragment) return;
    pasteCount.current += 1;
    const n = pasteCount.current;
    const { changes, nodeIds } = pasteChanges(fragment, { x: PASTE_OFFSET.x * n, y: PASTE_OFFSET.y * n });
    undo.stop();
    change(changes);
    select({ nodes: nodeIds, edges: [] });
  };

  const layout = async () => {
    if (readOnly || !graph.nodes.length) return;
    const box = document.querySelector('.canvas')?.getBoundingClientRect();
    const moves = await autoLayout({
      graph,
      ...(box?.height ? { aspectRatio: box.width / box.height } : {}),
      size: (id) => {
        const m = rf.getInternalNode(id)?.measured;
        return { width: m?.width ?? 220, height: m?.height ?? 90 };
      },
      handles: (id) => {
        const node = graph.nodes.find((n) => n.id === id);
        return node ? outputHandles(kinds.get(node.type), node.data) : [];
      },
    });
    undo.stop();
    change(moves);
    // After the moved nodes rendered (the graph follows the document on the next frame).
    setTimeout(() => void rf.fitView({ padding: 0.2, maxZoom: 1, duration: 300 }), 80);
  };

  const exportFile = () => {
    downloadText(
      fileNameFor(graph.name ?? flow.name),
      flowFileText({
        name: graph.name ?? flow.name,
        kind: flow.kind,
        ...(graph.description ? { description: graph.description } : {}),
        nodes: graph.nodes,
        edges: graph.edges,
      }),
    );
  };

  const importFile = async (file: File) => {
    const parsed = parseFlowFile(await file.text(), flow.name);
    if (!parsed.ok) {
      setNotice({
        tone: 'error',
        title: `${file.name} was not imported; the flow is unchanged`,
        lines: parsed.problems,
      });
      return;
    }
    undo.stop();
    change([{ type: 'replace', graph: { nodes: parsed.flow.nodes, edges: parsed.flow.edges } }]);
    setNotice({
      tone: 'info',
      title: `Imported ${file.name}`,
      lines: [
        `${parsed.flow.nodes.length} nodes and ${parsed.flow.edges.length} edges replaced the draft. Undo (Mod+Z) brings the previous draft back.`,
      ],
    });
    setTimeout(() => void rf.fitView({ padding: 0.2, maxZoom: 1 }), 80);
  };

  const restore = (restored: FlowGraph, version: number) => {
    undo.stop();
    change([{ type: 'replace', graph: restored }]);
    setOverlay(NO_OVERLAY);
    setNotice({
      tone: 'info',
      title: `The draft now holds version ${version}`,
      lines: ['Undo (Mod+Z) brings the previous draft back.'],
    });
  };

  useEditorShortcuts(
    {
      undo: undo.undo,
      redo: undo.redo,
      copy,
      cut: () => {
        const text = copy();
        if (text) change(selection.nodes.map((id) => ({ type: 'remove-node' as const, id })));
        return text;
      },
      paste,
      duplicate: () => {
        if (copy()) paste();
      },
      selectAll: () => select({ nodes: graph.nodes.map((n) => n.id), edges: [] }),
      layout: () => void layout(),
      fit: () => void rf.fitView({ padding: 0.2, maxZoom: 1, duration: 250 }),
      publish: () => !readOnly && setDialog('publish'),
      help: () => setDialog('help'),
      escape: () => {
        select({ nodes: [], edges: [] });
        setNotice(null);
      },
    },
    synced && dialog === 'none',
  );

  const triggerEvents = useMemo(() => catalog.triggerEvents.map((e) => e.type), [catalog]);
  const traces = useMemo(() => (overlay.type === 'trace' ? traceByNode(overlay) : null), [overlay]);

  return (
    <ConditionCatalogContext.Provider value={catalog}>
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
          onFit={() => void rf.fitView({ padding: 0.2, maxZoom: 1, duration: 250 })}
          onImport={(file) => void importFile(file)}
          onExport={exportFile}
          onPublish={() => setDialog('publish')}
          onHelp={() => setDialog('help')}
        />
        <div className="editor-body">
          <Palette kinds={catalog.kinds} disabled={readOnly || !synced} onAdd={addNode} />
          <div className="editor-canvas">
            {notice && (
              <div
                className={`notice ${notice.tone === 'error' ? 'notice-error' : 'notice-info'} editor-notice`}
                role={notice.tone === 'error' ? 'alert' : 'status'}
              >
                <div className="notice-body">
                  <strong className="notice-title">{notice.title}</strong>
                  <ul className="notice-errors">
                    {notice.lines.map((line) => (
                      <li key={line}>{line}</li>
                    ))}
                  </ul>
                </div>
                <button type="button" className="button button-small" onClick={() => setNotice(null)}>
                  Dismiss
                </button>
              </div>
            )}
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
    </ConditionCatalogContext.Provider>
  );
}
