import { useQuery } from '@tanstack/react-query';
import { createContext, useContext, useMemo } from 'react';
import { listSlaPolicies, listUsers } from '../api/pickers.ts';
import type { NameOf } from '../flow/summary.ts';
import { useAgents } from './useAgents.ts';
import { useMe } from './useMe.ts';
import { useTeams } from './useTeams.ts';

/** What ids on the canvas stand for: agents, teams, people and SLA policies by name. */
export function useCanvasNames(): NameOf {
  const agents = useAgents();
  const teams = useTeams();
  const me = useMe();
  const isAdmin = me.data?.roles.includes('admin') ?? false;
  const users = useQuery({
    queryKey: ['picker', 'users'],
    queryFn: ({ signal }) => listUsers(signal),
    staleTime: 60_000,
    enabled: isAdmin,
    retry: false,
  });
  const policies = useQuery({
    queryKey: ['picker', 'sla-policies'],
    queryFn: ({ signal }) => listSlaPolicies(signal),
    staleTime: 60_000,
    retry: false,
  });
  return useMemo(() => {
    const names = new Map<string, string>();
    for (const a of agents.data ?? []) names.set(a.id, a.name);
    for (const t of teams.data ?? []) names.set(t.id, t.name);
    for (const u of users.data ?? []) names.set(u.id, u.name);
    for (const p of policies.data ?? []) names.set(p.id, p.name);
    return (value: string) => names.get(value);
  }, [agents.data, teams.data, users.data, policies.data]);
}

export const NamesContext = createContext<NameOf>(() => undefined);

export function useNameOf(): NameOf {
  return useContext(NamesContext);
}
