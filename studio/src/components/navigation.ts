import type { Role } from '@baton/schemas/types';

/**
 * The studio's sections, grouped, each visible to the roles that work there (admins see every entry).
 * A new area adds an entry (and a route in router.tsx); a new group (Settings, Analytics) adds a group.
 */
export interface NavEntry {
  to: string;
  label: string;
  /** Who sees it; absent: everyone signed in. */
  roles?: readonly Role[];
}

export interface NavGroup {
  label: string;
  entries: NavEntry[];
}

export const NAV_GROUPS: NavGroup[] = [
  {
    label: 'Work',
    entries: [
      { to: '/work', label: 'My work', roles: ['agent'] },
      { to: '/inbox', label: 'Inbox' },
    ],
  },
  {
    label: 'Organisation',
    entries: [
      { to: '/team', label: 'Teams & agents' },
      { to: '/knowledge', label: 'Knowledge base', roles: ['agent', 'designer'] },
    ],
  },
  {
    label: 'Design',
    entries: [
      { to: '/flows', label: 'Flows', roles: ['designer'] },
      { to: '/analytics', label: 'Analytics', roles: ['designer', 'viewer'] },
    ],
  },
  {
    label: 'Admin',
    entries: [{ to: '/settings', label: 'Settings', roles: ['admin'] }],
  },
];

export function canSee(entry: NavEntry, roles: readonly string[]): boolean {
  if (!entry.roles || roles.includes('admin')) return true;
  return entry.roles.some((role) => roles.includes(role));
}

/** Where a person lands: agents on their own work, everyone else on the inbox. */
export function homeFor(principal: { roles: readonly string[]; agentId?: string } | undefined): string {
  return principal?.agentId && principal.roles.includes('agent') ? '/work' : '/inbox';
}
