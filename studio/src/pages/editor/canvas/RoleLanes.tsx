import type { FlowNode } from '@baton/schemas/types';
import { ViewportPortal } from '@xyflow/react';
import { ROLE_LABEL, ROLE_LANES, type RoleLane, stepInfo } from '../../../flow/playbook.ts';

const PAD = 24;
const FALLBACK = { width: 220, height: 110 };

/**
 * A playbook's swimlanes: one band per role that has steps, spanning the height of that role's
 * steps, drawn under the nodes in flow coordinates. A flow without steps for a role draws nothing.
 */
export function RoleLanes({
  nodes,
  measured,
}: {
  nodes: FlowNode[];
  measured: Map<string, { width: number; height: number }>;
}) {
  const lanes = new Map<RoleLane, { top: number; bottom: number }>();
  let left = Number.POSITIVE_INFINITY;
  let right = Number.NEGATIVE_INFINITY;
  for (const node of nodes) {
    const size = measured.get(node.id) ?? FALLBACK;
    left = Math.min(left, node.position.x);
    right = Math.max(right, node.position.x + size.width);
    const role = stepInfo(node.type, node.data as Record<string, unknown>).role;
    if (!role) continue;
    const lane = lanes.get(role) ?? { top: Number.POSITIVE_INFINITY, bottom: Number.NEGATIVE_INFINITY };
    lane.top = Math.min(lane.top, node.position.y);
    lane.bottom = Math.max(lane.bottom, node.position.y + size.height);
    lanes.set(role, lane);
  }
  if (!lanes.size) return null;
  return (
    <ViewportPortal>
      {ROLE_LANES.filter((r) => lanes.has(r)).map((role) => {
        const lane = lanes.get(role)!;
        return (
          <div
            key={role}
            className={`role-lane role-lane-${role}`}
            style={{
              transform: `translate(${left - PAD - 120}px, ${lane.top - PAD}px)`,
              width: right - left + 2 * PAD + 120,
              height: lane.bottom - lane.top + 2 * PAD,
            }}
            aria-hidden="true"
          >
            <span className="role-lane-label">{ROLE_LABEL[role]}</span>
          </div>
        );
      })}
    </ViewportPortal>
  );
}
