/**
 * Teams and agents: who can take work, with which skills, where and when. Owns the `teams` and
 * `agents` collections. Routing policies (`policies.ts`) read from here through these functions.
 */
import type {
  Agent,
  AgentCreate,
  AgentListQuery,
  AgentUpdate,
  Team,
  TeamCreate,
  TeamUpdate,
} from '@baton/schemas';
import type { EventBus } from '../events/bus.ts';
import { afterKey, decodeCursor, toPage } from '../http/cursor.ts';
import { invalidInput, notFound } from '../http/problem.ts';
import type { AssigneeDirectory } from '../issues/issues.ts';
import type { Clock } from '../shared/clock.ts';
import { fromStored, type Stored, toStored } from '../shared/documents.ts';
import { FreshCache } from '../shared/fresh-cache.ts';
import { newId } from '../shared/ids.ts';
import type { Collection, Filter, Store } from '../store/port.ts';

/** Defaults for a new agent, chosen so a new hire can be routed work without further setup. */
export const AGENT_DEFAULTS = {
  capacity: { email: 5, chat: 3, phone: 1 },
  status: 'offline',
  skills: [],
  workingHours: [],
  teamIds: [],
} as const satisfies Partial<Agent>;

export class DirectoryService implements AssigneeDirectory {
  readonly #teams: Collection<Stored<Team>>;
  readonly #agents: Collection<Stored<Agent>>;
  #revision = 0;
  /**
   * Agent lists (routing reads every agent of a queue's teams on every decision). Only on the
   * embedded store: its folder is locked to this process and every write to agents passes through
   * this service, which drops the lists, so they are exact. On a shared MongoDB another instance
   * changes agents (availability) without telling this one: lists are read every time there.
   */
  readonly #agentLists: FreshCache<Agent[]> | null;

  constructor(
    store: Store,
    private readonly clock: Clock,
    /** Agent changes go out as `agent.updated` (routing re-drains its queues on them). */
    private readonly bus?: EventBus,
  ) {
    this.#teams = store.collection('teams');
    this.#agents = store.collection('agents');
    this.#agentLists = store.kind === 'embedded' ? new FreshCache(Number.POSITIVE_INFINITY) : null;
  }

  async init(): Promise<void> {
    await this.#teams.createIndex({ keys: { name: 1 }, unique: true, name: 'teams_name_unique' });
    await this.#agents.createIndex({ keys: { email: 1 }, unique: true, name: 'agents_email_unique' });
    await this.#agents.createIndex({ keys: { teamIds: 1 } });
  }

  /** Counts this instance's writes to teams and agents, so readers can cache until the next one. */
  get revision(): number {
    return this.#revision;
  }

  /** Before and after each write to teams or agents (a read in between may have seen either). */
  #changed(): void {
    this.#revision++;
    this.#agentLists?.invalidate();
  }

  async agentExists(id: string): Promise<boolean> {
    return (await this.#agents.countDocuments({ _id: id })) > 0;
  }

  async teamExists(id: string): Promise<boolean> {
    return (await this.#teams.countDocuments({ _id: id })) > 0;
  }

  // Teams

  async createTeam(input: TeamCreate): Promise<Team> {
    if (input.escalationTeamId) await this.#requireTeam(input.escalationTeamId, '/escalationTeamId');
    if (input.leadAgentId && !(await this.agentExists(input.leadAgentId)))
      throw invalidInput('/leadAgentId', `no agent ${input.leadAgentId} exists`);
    const now = this.clock.now().toISOString();
    const team: Team = { queues: [], ...input, id: newId('team'), createdAt: now, updatedAt: now };
    await this.#teams.insertOne(toStored(team));
    this.#changed();
    return team;
  }

  async listTeams(): Promise<Team[]> {
    return (await this.#teams.find({}, { sort: { name: 1 } })).map(fromStored<Team>);
  }

  async getTeam(id: string): Promise<Team> {
    const team = await this.#teams.findOne({ _id: id });
    if (!team) throw notFound('team', id);
    return fromStored(team);
  }

  async updateTeam(id: string, patch: TeamUpdate): Promise<Team> {
    const { escalationTeamId, leadAgentId, ...fields } = patch;
    if (escalationTeamId === id) throw invalidInput('/escalationTeamId', 'a team cannot escalate to itself');
    if (escalationTeamId) await this.#requireTeam(escalationTeamId, '/escalationTeamId');
    if (leadAgentId && !(await this.agentExists(leadAgentId)))
      throw invalidInput('/leadAgentId', `no agent ${leadAgentId} exists`);
    const $set: Record<string, unknown> = { ...fields, updatedAt: this.clock.now().toISOString() };
    if (escalationTeamId) $set.escalationTeamId = escalationTeamId;
    if (leadAgentId) $set.leadAgentId = leadAgentId;
    const $unset: Record<string, ''> = {};
    if (escalationTeamId === null) $unset.escalationTeamId = '';
    if (leadAgentId === null) $unset.leadAgentId = '';
    this.#changed();
    const updated = await this.#teams.findOneAndUpdate(
      { _id: id },
      Object.keys($unset).length ? { $set, $unset } : { $set },
    );
    this.#changed();
    if (!updated) throw notFound('team', id);
    return fromStored(updated);
  }

  /** Deleting a team removes it from its agents and from teams that escalated to it. */
  async deleteTeam(id: string): Promise<void> {
    this.#changed();
    const { deletedCount } = await this.#teams.deleteOne({ _id: id });
    if (!deletedCount) throw notFound('team', id);
    await this.#agents.updateMany({ teamIds: id }, { $pull: { teamIds: id } });
    await this.#teams.updateMany({ escalationTeamId: id }, { $unset: { escalationTeamId: '' } });
    this.#changed();
  }

  // Agents

  async createAgent(input: AgentCreate): Promise<Agent> {
    await this.#requireTeams(input.teamIds ?? []);
    const now = this.clock.now().toISOString();
    const agent: Agent = {
      ...AGENT_DEFAULTS,
      ...input,
      capacity: input.capacity ?? { ...AGENT_DEFAULTS.capacity },
      skills: input.skills ?? [],
      workingHours: input.workingHours ?? [],
      teamIds: input.teamIds ?? [],
      email: input.email.toLowerCase(),
      id: newId('agt'),
      createdAt: now,
      updatedAt: now,
    };
    await this.#agents.insertOne(toStored(agent));
    this.#changed();
    return agent;
  }

  async listAgents(query: AgentListQuery) {
    const limit = query.limit ?? 50;
    const filter: Filter = {};
    if (query.teamId) filter.teamIds = query.teamId;
    if (query.status) filter.status = query.status;
    if (query.skill) filter['skills.skill'] = query.skill;
    const after = query.cursor ? afterKey(['name', '_id'], decodeCursor(query.cursor, 2), 1) : {};
    const rows = await this.#agents.find(
      { $and: [filter, after] },
      { sort: { name: 1, _id: 1 }, limit: limit + 1 },
    );
    return toPage(rows.map(fromStored<Agent>), limit, (a) => [a.name, a.id]);
  }

  async getAgent(id: string): Promise<Agent> {
    const agent = await this.#agents.findOne({ _id: id });
    if (!agent) throw notFound('agent', id);
    return fromStored(agent);
  }

  async updateAgent(id: string, patch: AgentUpdate): Promise<Agent> {
    if (patch.teamIds) await this.#requireTeams(patch.teamIds);
    const $set = { ...patch, ...(patch.email ? { email: patch.email.toLowerCase() } : {}) };
    this.#changed();
    const updated = await this.#agents.findOneAndUpdate(
      { _id: id },
      { $set: { ...$set, updatedAt: this.clock.now().toISOString() } },
    );
    this.#changed();
    if (!updated) throw notFound('agent', id);
    const agent = fromStored<Agent>(updated);
    this.bus?.emit({ type: 'agent.updated', at: agent.updatedAt, agent, changes: Object.keys(patch) });
    return agent;
  }

  /** Every agent (or those of these teams), for routing and expertise ranking. */
  async allAgents(teamIds?: readonly string[]): Promise<Agent[]> {
    const read = async () => {
      const filter: Filter = teamIds ? { teamIds: { $in: [...teamIds] } } : {};
      return (await this.#agents.find(filter, { sort: { name: 1, _id: 1 } })).map(fromStored<Agent>);
    };
    if (!this.#agentLists) return read();
    // A fresh array of the shared (frozen) agents: callers may sort or filter it.
    return [...(await this.#agentLists.get(teamIds?.join(',') ?? '*', read))];
  }

  async findAgent(id: string): Promise<Agent | null> {
    const agent = await this.#agents.findOne({ _id: id });
    return agent ? fromStored(agent) : null;
  }

  async deleteAgent(id: string): Promise<void> {
    this.#changed();
    const { deletedCount } = await this.#agents.deleteOne({ _id: id });
    this.#changed();
    if (!deletedCount) throw notFound('agent', id);
  }

  async #requireTeam(id: string, pointer: string): Promise<void> {
    if (!(await this.teamExists(id))) throw invalidInput(pointer, `no team ${id} exists`);
  }

  async #requireTeams(ids: readonly string[]): Promise<void> {
    for (const [i, id] of ids.entries()) await this.#requireTeam(id, `/teamIds/${i}`);
  }
}
