import type { FlowEdge } from '@baton/schemas/types';
import { MarkerType } from '@xyflow/react';
import { useMemo } from 'react';
import { diffMarks, type Overlay, takenEdges } from '../flow/overlay.ts';
import type { CanvasEdge } from '../pages/editor/canvas/types.ts';
import type { ValidationIndex } from './useLiveValidation.ts';

const short = (text: string) => (text.length > 70 ? `${text.slice(0, 69)}…` : text);

/** React Flow edges from the live draft, marked with validation, the path taken or a diff. */
export function useCanvasEdges(
  edges: FlowEdge[],
  selected: ReadonlySet<string>,
  validation: ValidationIndex,
  overlay: Overlay,
  readOnly: boolean,
): CanvasEdge[] {
  return useMemo(() => {
    const taken = overlay.type === 'trace' ? takenEdges(overlay, edges) : null;
    const marks = overlay.type === 'diff' ? diffMarks(overlay) : null;
    const all = overlay.type === 'diff' ? [...edges, ...overlay.removedEdges] : edges;
    return all.map((edge) => {
      const issues = validation.byEdge.get(edge.id);
      const error = issues?.find((i) => i.severity === 'error');
      const mark = marks?.edges.get(edge.id);
      const classes = [
        error ? 'has-errors' : '',
        taken?.has(edge.id) ? 'on-path' : taken ? 'off-path' : '',
        mark ? `diff-${mark}` : '',
      ].filter(Boolean);
      return {
        id: edge.id,
        source: edge.source,
        target: edge.target,
        sourceHandle: edge.sourceHandle,
        type: 'smoothstep',
        selected: selected.has(edge.id),
        animated: Boolean(taken?.has(edge.id)),
        className: classes.join(' '),
        markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
        ...(error ? { label: short(error.message) } : {}),
        ...(readOnly || mark === 'removed' ? { deletable: false, selectable: mark !== 'removed' } : {}),
        data: { issues },
      } as CanvasEdge;
    });
  }, [edges, selected, validation, overlay, readOnly]);
}
