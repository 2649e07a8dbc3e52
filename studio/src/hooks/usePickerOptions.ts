import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { listAgents, listTeams } from '../api/directory.ts';
import {
  listPlugins,
  listRoutingPolicies,
  listSlaPolicies,
  listTemplates,
  listUsers,
  type PickerOption,
} from '../api/pickers.ts';
import { eventLabel } from '../flow/events.ts';
import { queryKeys } from '../lib/queryKeys.ts';
import { useNodeKinds } from './useNodeKinds.ts';

/** The kinds of value a picker chooses (the `x-input` annotation of the server's schemas). */
export type PickerInput =
  | 'agent'
  | 'team'
  | 'queue'
  | 'user'
  | 'plugin'
  | 'event'
  | 'sla-policy'
  | 'template'
  | 'skill';

export const PICKER_NOUN: Record<PickerInput, string> = {
  agent: 'agent',
  team: 'team',
  queue: 'queue',
  user: 'person',
  plugin: 'plugin',
  event: 'event',
  'sla-policy': 'SLA policy',
  template: 'template',
  skill: 'skill',
};

const STALE = 60_000;

/**
 * The options of one picker, loaded when a form first shows it and shared by every form after.
 * Queues come from what owns them: the teams that work them and the routing policies that route them.
 */
export function usePickerOptions(input: PickerInput): {
  options: PickerOption[];
  isLoading: boolean;
  error: unknown;
} {
  const needs = (what: PickerInput[]) => what.includes(input);
  const agents = useQuery({
    queryKey: queryKeys.agents,
    queryFn: ({ signal }) => listAgents(signal),
    staleTime: STALE,
    enabled: needs(['agent', 'skill']),
  });
  const teams = useQuery({
    queryKey: queryKeys.teams,
    queryFn: ({ signal }) => listTeams(signal),
    staleTime: STALE,
    enabled: needs(['team', 'queue', 'agent']),
  });
  const routing = useQuery({
    queryKey: ['picker', 'routing-policies'],
    queryFn: ({ signal }) => listRoutingPolicies(signal),
    staleTime: STALE,
    enabled: needs(['queue']),
  });
  const users = useQuery({
    queryKey: ['picker', 'users'],
    queryFn: ({ signal }) => listUsers(signal),
    staleTime: STALE,
    enabled: needs(['user']),
  });
  const plugins = useQuery({
    queryKey: ['picker', 'plugins'],
    queryFn: ({ signal }) => listPlugins(signal),
    staleTime: STALE,
    enabled: needs(['plugin']),
  });
  const policies = useQuery({
    queryKey: ['picker', 'sla-policies'],
    queryFn: ({ signal }) => listSlaPolicies(signal),
    staleTime: STALE,
    enabled: needs(['sla-policy']),
  });
  const templates = useQuery({
    queryKey: ['picker', 'templates'],
    queryFn: ({ signal }) => listTemplates(signal),
    staleTime: STALE,
    enabled: needs(['template']),
    retry: false,
  });
  const catalog = useNodeKinds();

  return useMemo(() => {
    const teamName = new Map((teams.data ?? []).map((t) => [t.id, t.name]));
    switch (input) {
      case 'agent':
        return {
          options: (agents.data ?? []).map((a) => ({
            value: a.id,
            label: a.name,
            hint: (a.teamIds ?? [])
              .map((id) => teamName.get(id) ?? '')
              .filter(Boolean)
              .join(', '),
          })),
          isLoading: agents.isLoading,
          error: agents.error,
        };
      case 'team':
        return {
          options: (teams.data ?? []).map((t) => ({
            value: t.id,
            label: t.name,
            ...(t.queues?.length ? { hint: `Works ${t.queues.join(', ')}` } : {}),
          })),
          isLoading: teams.isLoading,
          error: teams.error,
        };
      case 'queue': {
        const owners = new Map<string, string[]>();
        for (const t of teams.data ?? [])
          for (const q of t.queues ?? []) owners.set(q, [...(owners.get(q) ?? []), t.name]);
        for (const p of routing.data ?? []) if (!owners.has(p.queue)) owners.set(p.queue, []);
        return {
          options: [...owners.entries()]
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([queue, names]) => ({
              value: queue,
              label: queue,
              hint: names.length ? `Worked by ${names.join(', ')}` : 'No team works this queue yet',
            })),
          isLoading: teams.isLoading || routing.isLoading,
          error: teams.error ?? routing.error,
        };
      }
      case 'user':
        return {
          options: (users.data ?? []).map((u) => ({ value: u.id, label: u.name, hint: u.email })),
          isLoading: users.isLoading,
          error: users.error,
        };
      case 'plugin':
        return {
          options: (plugins.data ?? []).map((p) => ({
            value: p.name,
            label: p.title ?? p.name,
            hint: p.description,
          })),
          isLoading: plugins.isLoading,
          error: plugins.error,
        };
      case 'sla-policy':
        return {
          options: (policies.data ?? []).map((p) => ({
            value: p.id,
            label: p.name,
            ...(p.description ? { hint: p.description } : {}),
          })),
          isLoading: policies.isLoading,
          error: policies.error,
        };
      case 'template':
        return { options: templates.data ?? [], isLoading: templates.isLoading, error: templates.error };
      case 'skill': {
        // The skills the organisation's agents have, with how many have each.
        const holders = new Map<string, number>();
        for (const a of agents.data ?? [])
          for (const s of a.skills ?? []) holders.set(s.skill, (holders.get(s.skill) ?? 0) + 1);
        return {
          options: [...holders.entries()]
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([skill, n]) => ({ value: skill, label: skill, hint: `${n} agent${n === 1 ? '' : 's'}` })),
          isLoading: agents.isLoading,
          error: agents.error,
        };
      }
      case 'event':
        return {
          options: (catalog.data?.triggerEvents ?? []).map((e) => ({
            value: e.type,
            label: eventLabel(e.type),
            hint: e.description,
          })),
          isLoading: catalog.isLoading,
          error: catalog.error,
        };
    }
  }, [
    input,
    agents.data,
    agents.isLoading,
    agents.error,
    teams.data,
    teams.isLoading,
    teams.error,
    routing.data,
    routing.isLoading,
    routing.error,
    users.data,
    users.isLoading,
    users.error,
    plugins.data,
    plugins.isLoading,
    plugins.error,
    policies.data,
    policies.isLoading,
    policies.error,
    templates.data,
    templates.isLoading,
    templates.error,
    catalog.data,
    catalog.isLoading,
    catalog.error,
  ]);
}
