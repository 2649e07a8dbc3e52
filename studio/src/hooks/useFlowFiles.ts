import type { FlowRecord } from '@baton/schemas/types';
import type { FlowChange } from '../flow/changes.ts';
import { downloadText, fileNameFor, flowFileText, parseFlowFile } from '../flow/fileFormat.ts';
import type { FlowGraph } from '../flow/graph.ts';
import type { Notice } from '../pages/editor/EditorNotice.tsx';

/**
 * Export the draft as a flow file; import one into it (checked first and refused whole, with every
 * problem said, or replacing the draft as one undo step); restore a published version into it.
 */
export function useFlowFiles(options: {
  flow: FlowRecord;
  graph: FlowGraph;
  change(changes: FlowChange[]): void;
  newStep(): void;
  notify(notice: Notice): void;
  /** Fits the view once an import reached the canvas. */
  fitAfter(): void;
}) {
  const { flow, graph, change, newStep, notify, fitAfter } = options;
  const name = graph.name ?? flow.name;

  const exportFile = () =>
    downloadText(
      fileNameFor(name),
      flowFileText({
        name,
        kind: flow.kind,
        ...(graph.description ? { description: graph.description } : {}),
        nodes: graph.nodes,
        edges: graph.edges,
      }),
    );

  const importFile = async (file: File) => {
    const parsed = parseFlowFile(await file.text(), flow.name);
    if (!parsed.ok) {
      notify({
        tone: 'error',
        title: `${file.name} was not imported; the flow is unchanged`,
        lines: parsed.problems,
      });
      return;
    }
    newStep();
    change([{ type: 'replace', graph: { nodes: parsed.flow.nodes, edges: parsed.flow.edges } }]);
    notify({
      tone: 'info',
      title: `Imported ${file.name}`,
      lines: [
        `${parsed.flow.nodes.length} nodes and ${parsed.flow.edges.length} edges replaced the draft. Undo (Mod+Z) brings the previous draft back.`,
      ],
    });
    fitAfter();
  };

  const restore = (restored: FlowGraph, version: number) => {
    newStep();
    change([{ type: 'replace', graph: restored }]);
    notify({
      tone: 'info',
      title: `The draft now holds version ${version}`,
      lines: ['Undo (Mod+Z) brings the previous draft back.'],
    });
  };

  return { exportFile, importFile, restore };
}
