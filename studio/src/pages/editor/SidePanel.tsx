import type {
  FlowRecord,
  FlowReplayReport,
  FlowValidationIssue,
  NodeKindDescription,
} from '@baton/schemas/types';
import type { FlowChange } from '../../flow/changes.ts';
import type { FlowGraph } from '../../flow/graph.ts';
import type { NodeTrace, Overlay } from '../../flow/overlay.ts';
import type { ValidationIndex } from '../../hooks/useLiveValidation.ts';
import type { Selection } from './canvas/Canvas.tsx';
import { EdgeInspector } from './inspector/EdgeInspector.tsx';
import { FlowOverview } from './inspector/FlowOverview.tsx';
import { NodeInspector } from './inspector/NodeInspector.tsx';
import { ReplayPanel } from './replay/ReplayPanel.tsx';
import { RunsPanel } from './runs/RunsPanel.tsx';
import { PlaybookClock } from './simulate/PlaybookClock.tsx';
import { SimulatePanel } from './simulate/SimulatePanel.tsx';
import { VersionsPanel } from './versions/VersionsPanel.tsx';

export type SideTab = 'inspect' | 'simulate' | 'replay' | 'versions' | 'runs';

const TABS: { id: SideTab; label: string }[] = [
  { id: 'inspect', label: 'Inspect' },
  { id: 'simulate', label: 'Simulate' },
  { id: 'replay', label: 'Replay' },
  { id: 'versions', label: 'Versions' },
  { id: 'runs', label: 'Runs' },
];

interface Props {
  /** Folded to a rail of tab names, to give the canvas the room. */
  collapsed?: boolean;
  onToggle?(): void;
  tab: SideTab;
  onTab(tab: SideTab): void;
  flow: FlowRecord;
  graph: FlowGraph;
  kinds: Map<string, NodeKindDescription>;
  selection: Selection;
  validation: ValidationIndex;
  overlay: Overlay;
  traces: Map<string, NodeTrace> | null;
  readOnly: boolean;
  /** Registered trigger events (the catalog's). */
  events: string[];
  change(changes: FlowChange[]): void;
  onOverlay(overlay: Overlay): void;
  onFocusNode(id: string): void;
  onFocusIssue(issue: FlowValidationIssue): void;
  onRestore(graph: FlowGraph, version: number): void;
  onReplay(report: FlowReplayReport | null): void;
  /** A run to show at once (from `?run=` in the address). */
  openRunId?: string | null;
}

export function SidePanel(props: Props) {
  const { tab, flow, graph, kinds, selection, validation, overlay, readOnly, change } = props;
  if (props.collapsed) {
    return (
      <aside className="side-panel side-rail" aria-label="Side panel">
        <button
          type="button"
          className="panel-toggle"
          onClick={props.onToggle}
          aria-expanded={false}
          aria-label="Show the side panel"
          title="Show the side panel (])"
        >
          «
        </button>
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            className="side-rail-tab"
            onClick={() => {
              props.onTab(t.id);
              props.onToggle?.();
            }}
          >
            {t.label}
          </button>
        ))}
      </aside>
    );
  }
  const node =
    selection.nodes.length === 1 ? graph.nodes.find((n) => n.id === selection.nodes[0]) : undefined;
  const edge =
    !node && selection.edges.length === 1 ? graph.edges.find((e) => e.id === selection.edges[0]) : undefined;
  return (
    <aside className="side-panel" aria-label="Side panel">
      <div className="tabs" role="tablist">
        {props.onToggle && (
          <button
            type="button"
            className="panel-toggle"
            onClick={props.onToggle}
            aria-expanded={true}
            aria-label="Hide the side panel"
            title="Hide the side panel (])"
          >
            »
          </button>
        )}
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            className={`tab${tab === t.id ? ' active' : ''}`}
            onClick={() => props.onTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div className="side-body" role="tabpanel" aria-label={TABS.find((t) => t.id === tab)?.label}>
        {tab === 'inspect' &&
          (node ? (
            <NodeInspector
              key={node.id}
              node={node}
              kind={kinds.get(node.type)}
              validation={validation}
              trace={props.traces?.get(node.id)}
              events={props.events}
              readOnly={readOnly}
              change={change}
            />
          ) : edge ? (
            <EdgeInspector
              edge={edge}
              nodes={graph.nodes}
              validation={validation}
              readOnly={readOnly}
              change={change}
            />
          ) : selection.nodes.length > 1 ? (
            <section className="inspector">
              <h2 className="inspector-title">{selection.nodes.length} nodes selected</h2>
              <p className="muted small">
                Move them together, copy (Mod+C), duplicate (Mod+D) or delete them.
              </p>
              {!readOnly && (
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => change(selection.nodes.map((id) => ({ type: 'remove-node' as const, id })))}
                >
                  Delete {selection.nodes.length} nodes
                </button>
              )}
            </section>
          ) : (
            <FlowOverview
              nodeCount={graph.nodes.length}
              edgeCount={graph.edges.length}
              validation={validation}
              onFocus={props.onFocusIssue}
            />
          ))}
        {tab === 'simulate' && flow.kind === 'playbook' && (
          <PlaybookClock flowId={flow.id} nodes={graph.nodes} onFocusNode={props.onFocusNode} />
        )}
        {tab === 'simulate' && (
          <SimulatePanel
            flowId={flow.id}
            nodes={graph.nodes}
            kinds={kinds}
            trace={overlay.type === 'trace' && overlay.source === 'simulation' ? overlay : null}
            onTrace={(trace) => props.onOverlay(trace ?? { type: 'none' })}
            onFocusNode={props.onFocusNode}
          />
        )}
        {tab === 'replay' && (
          <ReplayPanel
            flow={flow}
            report={overlay.type === 'replay' ? overlay.report : null}
            onReport={props.onReplay}
          />
        )}
        {tab === 'versions' && (
          <VersionsPanel
            flow={flow}
            graph={graph}
            kinds={kinds}
            diff={overlay.type === 'diff' ? overlay : null}
            readOnly={readOnly}
            onDiff={(diff) => props.onOverlay(diff ?? { type: 'none' })}
            onRestore={props.onRestore}
          />
        )}
        {tab === 'runs' && (
          <RunsPanel flow={flow} readOnly={readOnly} onTrace={props.onOverlay} openRunId={props.openRunId} />
        )}
      </div>
    </aside>
  );
}
