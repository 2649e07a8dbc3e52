/**
 * Who a playbook role is, on one run: the owner and the receiver come from the issue and its
 * handoff, the expert from the run, and customer success, leadership and product from the role map
 * (`playbook_roles`, one document, edited by admins). And who may act on a step: its people, or an
 * admin; a step whose role names nobody yet is open to any agent working the issue.
 */
import type {
  Issue,
  PlaybookAssignee,
  PlaybookRole,
  PlaybookRoleMap,
  PlaybookRun,
  PlaybookStep,
} from '@baton/schemas';
import type { Principal } from '../auth/principal.ts';
import type { DirectoryService } from '../directory/service.ts';
import type { HandoffService } from '../handoffs/service.ts';
import { invalidInput, ProblemError } from '../http/problem.ts';
import type { Collection, Store, StoredDocument } from '../store/port.ts';

export const ROLE_NAMES: Record<PlaybookRole, string> = {
  owner: 'the owner',
  receiver: 'the receiver',
  expert: 'the expert',
  cs: 'customer success',
  leadership: 'leadership',
  product: 'product',
};

type StoredRoleMap = PlaybookRoleMap & StoredDocument;
const ROLE_MAP_ID = 'roles';

export class PlaybookRoles {
  readonly #map: Collection<StoredRoleMap>;

  constructor(
    store: Store,
    private readonly deps: { directory: DirectoryService; handoffs: HandoffService },
  ) {
    this.#map = store.collection('playbook_roles');
  }

  async map(): Promise<PlaybookRoleMap> {
    const found = await this.#map.findOne({ _id: ROLE_MAP_ID });
    if (!found) return {};
    const { _id, ...map } = found;
    return map;
  }

  async setMap(map: PlaybookRoleMap): Promise<PlaybookRoleMap> {
    for (const role of ['cs', 'leadership', 'product'] as const) {
      for (const [i, id] of (map[role]?.teamIds ?? []).entries()) {
        if (!(await this.deps.directory.teamExists(id)))
          throw invalidInput(`/${role}/teamIds/${i}`, `no team ${id} exists`);
      }
      for (const [i, id] of (map[role]?.agentIds ?? []).entries()) {
        if (!(await this.deps.directory.agentExists(id)))
          throw invalidInput(`/${role}/agentIds/${i}`, `no agent ${id} exists`);
      }
    }
    // The map is replaced whole: a role left out names nobody.
    const next = { cs: map.cs ?? {}, leadership: map.leadership ?? {}, product: map.product ?? {} };
    await this.#map.updateOne({ _id: ROLE_MAP_ID }, { $set: next }, { upsert: true });
    return this.map();
  }

  /** The people a role names on this run now (empty: nobody yet). */
  async resolve(role: PlaybookRole, run: PlaybookRun, issue: Issue): Promise<PlaybookAssignee[]> {
    const { directory } = this.deps;
    const agent = async (id: string | undefined): Promise<PlaybookAssignee[]> => {
      const found = id ? await directory.findAgent(id) : null;
      return found ? [{ kind: 'agent', id: found.id, name: found.name }] : [];
    };
    const team = async (id: string | undefined): Promise<PlaybookAssignee[]> => {
      if (!id || !(await directory.teamExists(id))) return [];
      const found = await directory.getTeam(id);
      return [{ kind: 'team', id: found.id, name: found.name }];
    };
    switch (role) {
      case 'owner': {
        const owner = await agent(issue.assignee?.agentId);
        return owner.length ? owner : team(issue.assignee?.teamId);
      }
      case 'expert':
        return agent(run.participants.expert?.agentId);
      case 'receiver': {
        const handoffId = run.participants.handoffId;
        if (!handoffId) return agent(run.participants.receiver?.agentId);
        const handoff = await this.deps.handoffs.get(handoffId).catch(() => null);
        if (!handoff) return [];
        const taker = await agent(handoff.acceptedBy ?? handoff.to.agentId);
        return taker.length ? taker : team(handoff.to.teamId);
      }
      default: {
        const people = (await this.map())[role];
        const out: PlaybookAssignee[] = [];
        for (const id of people?.teamIds ?? []) out.push(...(await team(id)));
        for (const id of people?.agentIds ?? []) out.push(...(await agent(id)));
        return out;
      }
    }
  }

  /** Refuses anyone but the step's people (or an admin) with a 403 that says who may. */
  async authorize(principal: Principal, step: PlaybookStep): Promise<void> {
    if (principal.roles.includes('admin')) return;
    const people = step.assignees ?? [];
    if (!people.length) {
      if (principal.roles.includes('agent')) return;
      throw new ProblemError('forbidden', 'only an agent working the issue may act on this step');
    }
    const me = principal.agentId ? await this.deps.directory.findAgent(principal.agentId) : null;
    const mine = people.some(
      (p) => (p.kind === 'agent' && p.id === me?.id) || (p.kind === 'team' && me?.teamIds.includes(p.id)),
    );
    if (!mine) {
      const who = people.map((p) => p.name).join(', ');
      const role = step.role ? ` (${ROLE_NAMES[step.role]})` : '';
      throw new ProblemError('forbidden', `“${step.title}” is for ${who}${role}`);
    }
  }
}
