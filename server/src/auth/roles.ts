import type { Role } from '@baton/schemas';

export type { Role };

/**
 * What a route requires. `public`: anyone; `authenticated`: any signed-in principal; a role list:
 * a principal holding at least one of them. `admin` passes every check.
 */
export type Access = 'public' | 'authenticated' | readonly Role[];

/** Who may read the support record (issues, customers, teams, agents). */
export const READ_SUPPORT: readonly Role[] = ['viewer', 'agent', 'designer', 'integrator'];
/** Who may work issues: open them, reply, change status, assign. Integrations open issues too. */
export const WORK_ISSUES: readonly Role[] = ['agent', 'integrator'];
/** Who may manage the organisation (teams, agents, users, keys). */
export const ADMIN_ONLY: readonly Role[] = [];

export function isAllowed(roles: readonly Role[], access: Access): boolean {
  if (access === 'public' || access === 'authenticated') return true;
  if (roles.includes('admin')) return true;
  return access.some((role) => roles.includes(role));
}

export function describeAccess(access: Access): string {
  if (access === 'public') return 'public';
  if (access === 'authenticated') return 'any signed-in principal';
  return ['admin', ...access].join(' or ');
}
