/**
 * The playbooks shipped in `playbooks/` (Critical Escalation, Smooth Transition, Expert
 * Consultation): `installPlaybooks(services)` creates, publishes and enables each one that does not
 * exist yet (by name) and, when nobody has named them, maps the customer success, leadership and
 * product roles to teams of those names. Safe to call on every start.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Actor, FlowDocument, PlaybookRoleMap } from '@baton/schemas';
import type { DirectoryService } from '../directory/service.ts';
import { installShipped, playbooksDir } from '../flows/reference.ts';
import type { FlowService } from '../flows/service.ts';
import type { Playbooks } from './module.ts';

export const SHIPPED_PLAYBOOKS = [
  'critical-escalation.playbook.json',
  'smooth-transition.playbook.json',
  'expert-consultation.playbook.json',
] as const;

const INSTALLER: Actor = { kind: 'system', name: 'shipped playbooks' };

/** Which team names each role goes to when nobody has said (the demo's teams). */
const ROLE_TEAMS: Record<keyof PlaybookRoleMap, RegExp> = {
  cs: /customer success/i,
  leadership: /platform engineering|leadership|management/i,
  product: /product|platform engineering/i,
};

export function loadPlaybook(file: (typeof SHIPPED_PLAYBOOKS)[number]): FlowDocument {
  return JSON.parse(readFileSync(join(playbooksDir, file), 'utf8')) as FlowDocument;
}

export async function installPlaybooks(services: {
  flows: FlowService;
  directory: DirectoryService;
  playbooks: Playbooks;
}): Promise<Array<{ name: string; flowId: string; created: boolean }>> {
  const out = await installShipped(services.flows, SHIPPED_PLAYBOOKS, INSTALLER);
  const roles = services.playbooks.roles;
  const current = await roles.map();
  if (!current.cs && !current.leadership && !current.product) {
    const teams = await services.directory.listTeams();
    const map: PlaybookRoleMap = {};
    for (const role of ['cs', 'leadership', 'product'] as const) {
      const team = teams.find((t) => ROLE_TEAMS[role].test(t.name));
      if (team) map[role] = { teamIds: [team.id] };
    }
    if (Object.keys(map).length) await roles.setMap(map);
  }
  return out;
}
