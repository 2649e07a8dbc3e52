import { useAgents } from '../../../hooks/useAgents.ts';

/** Skill names agents already have, for pickers. */
export function useKnownSkills(): string[] {
  const agents = useAgents();
  const names = new Set<string>();
  for (const agent of agents.data ?? []) for (const s of agent.skills ?? []) names.add(s.skill);
  return [...names].sort((a, b) => a.localeCompare(b));
}

export const SKILL_LEVELS = [
  { value: 1, label: 'Novice' },
  { value: 2, label: 'Basic' },
  { value: 3, label: 'Competent' },
  { value: 4, label: 'Advanced' },
  { value: 5, label: 'Expert' },
];
