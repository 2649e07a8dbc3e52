/**
 * Names for the keys the rollups store: teams, agents and flows by name (ids stay stable when they are
 * renamed), hours of the week in words, and "none" said the way each dimension means it.
 */

import type { DirectoryService } from '../directory/service.ts';
import type { FlowService } from '../flows/service.ts';
import type { Dimension } from './dimensions.ts';

const NONE: Partial<Record<Dimension, string>> = {
  team: 'No team',
  agent: 'Unassigned',
  queue: 'No queue',
  flow: 'No flow',
  playbook: 'No playbook',
  node: 'Not from a flow',
  event: 'Not from a flow',
  reason: 'No reason',
};
const DAYS: Record<string, string> = {
  mon: 'Mon',
  tue: 'Tue',
  wed: 'Wed',
  thu: 'Thu',
  fri: 'Fri',
  sat: 'Sat',
  sun: 'Sun',
};

export class Labels {
  constructor(
    private readonly directory: DirectoryService,
    private readonly flows: FlowService,
  ) {}

  async of(dim: Dimension, keys: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const named = await this.#names(dim, keys.filter(Boolean));
    for (const key of keys) {
      if (!key) out.set(key, NONE[dim] ?? 'None');
      else out.set(key, named.get(key) ?? key);
    }
    return out;
  }

  async #names(dim: Dimension, keys: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    if (!keys.length) return out;
    if (dim === 'team') {
      for (const team of await this.directory.listTeams()) out.set(team.id, team.name);
    } else if (dim === 'agent') {
      // One read of the directory rather than one per agent.
      for (const agent of await this.directory.allAgents()) out.set(agent.id, agent.name);
    } else if (dim === 'flow' || dim === 'playbook') {
      for (const id of keys) out.set(id, await this.#flowName(id));
    } else if (dim === 'node' || dim === 'step') {
      for (const key of keys) {
        const [owner = '', node = ''] = splitOnce(key, '#');
        const ownerName = dim === 'node' ? await this.#flowName(owner) : owner;
        out.set(key, `${ownerName} › ${dim === 'node' ? await this.#nodeLabel(owner, node) : node}`);
      }
    } else if (dim === 'hour') {
      for (const key of keys) {
        const [d = '', h = '0'] = key.split('-');
        const hour = Number(h);
        out.set(
          key,
          `${DAYS[d] ?? d} ${String(hour).padStart(2, '0')}:00–${String((hour + 1) % 24).padStart(2, '0')}:00 UTC`,
        );
      }
    } else if (dim === 'reason') {
      for (const key of keys) out.set(key, key.charAt(0).toUpperCase() + key.slice(1));
    }
    return out;
  }

  async #flowName(id: string): Promise<string> {
    return (await this.flows.get(id).catch(() => null))?.name ?? 'a deleted flow';
  }

  async #nodeLabel(flowId: string, nodeId: string): Promise<string> {
    const flow = await this.flows.get(flowId).catch(() => null);
    const node = flow?.draft?.nodes.find((n) => n.id === nodeId);
    const label = (node?.data as { label?: unknown } | undefined)?.label;
    return typeof label === 'string' && label ? label : nodeId;
  }
}

function splitOnce(s: string, sep: string): [string, string] {
  const i = s.indexOf(sep);
  return i === -1 ? [s, ''] : [s.slice(0, i), s.slice(i + 1)];
}
