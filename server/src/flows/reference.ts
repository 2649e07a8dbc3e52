/**
 * The reference flows shipped in `playbooks/`: `installReferenceFlows(services)` creates, publishes
 * and enables each one that does not exist yet (by name), so the demo data exercises them. Safe to
 * call on every start.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Actor, FlowDocument } from '@baton/schemas';
import type { FlowService } from './service.ts';

export const playbooksDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'playbooks');

/** Routing of new issues, and the default notifications (each team may switch parts off). */
export const REFERENCE_FLOWS = ['reference-routing.flow.json', 'default-notifications.flow.json'] as const;

const INSTALLER: Actor = { kind: 'system', name: 'reference flows' };

export function loadReferenceFlow(
  file: (typeof REFERENCE_FLOWS)[number] = 'reference-routing.flow.json',
): FlowDocument {
  return JSON.parse(readFileSync(join(playbooksDir, file), 'utf8')) as FlowDocument;
}

export async function installReferenceFlows(
  services: { flows: FlowService },
  files: ReadonlyArray<(typeof REFERENCE_FLOWS)[number]> = REFERENCE_FLOWS,
): Promise<Array<{ name: string; flowId: string; created: boolean }>> {
  return installShipped(services.flows, files, INSTALLER);
}

/**
 * Creates, publishes and enables each shipped document in `playbooks/` (flows and playbooks alike)
 * that does not exist yet, by name; an existing one is left as the organisation has it.
 */
export async function installShipped(
  flows: FlowService,
  files: readonly string[],
  installer: Actor,
): Promise<Array<{ name: string; flowId: string; created: boolean }>> {
  const out: Array<{ name: string; flowId: string; created: boolean }> = [];
  for (const file of files) {
    const doc = JSON.parse(readFileSync(join(playbooksDir, file), 'utf8')) as FlowDocument;
    const existing = await flows.findByName(doc.name);
    if (existing) {
      out.push({ name: doc.name, flowId: existing.id, created: false });
      continue;
    }
    const flow = await flows.create(
      {
        kind: doc.kind,
        name: doc.name,
        ...(doc.description ? { description: doc.description } : {}),
        nodes: doc.nodes,
        edges: doc.edges,
      },
      installer,
    );
    await flows.publish(flow.id, { note: `shipped with Baton (${file})`, enable: true }, installer);
    out.push({ name: doc.name, flowId: flow.id, created: true });
  }
  return out;
}
