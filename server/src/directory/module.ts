/** The directory module: teams, agents and the people behind them, which routing, SLA, handoffs, escalation and notify read. */
import { type BatonModule, bindRoutes } from '../module.ts';
import { directoryRoutes } from './routes.ts';
import type { DirectoryService } from './service.ts';

export function directoryModule(directory: DirectoryService): BatonModule {
  return {
    name: 'directory',
    routes: bindRoutes(directoryRoutes, { directory }),
    init: () => directory.init(),
    facts: [
      {
        id: 'team',
        description:
          'The team working the issue (its assignee’s team, else the first team listing its queue): { id, name, leadAgentId, escalationTeamId, notifications: { offers, slaAlerts, customerUpdates, followUp } } — each notification switch true unless the team turned it off; null when no team works it.',
        async compute(scope) {
          const teamId = scope.issue.assignee?.teamId;
          let team = teamId ? await directory.getTeam(teamId).catch(() => null) : null;
          if (!team && scope.issue.queue) {
            const queue = scope.issue.queue;
            team = (await directory.listTeams()).find((t) => t.queues.includes(queue)) ?? null;
          }
          if (!team) return null;
          const off = team.notifications ?? {};
          return {
            id: team.id,
            name: team.name,
            leadAgentId: team.leadAgentId ?? null,
            escalationTeamId: team.escalationTeamId ?? null,
            notifications: {
              offers: off.offers !== false,
              slaAlerts: off.slaAlerts !== false,
              customerUpdates: off.customerUpdates !== false,
              followUp: off.followUp !== false,
            },
          };
        },
      },
    ],
  };
}
