import type { Role } from '@baton/schemas/types';

export const ROLE_OPTIONS: { value: Role; label: string; hint: string }[] = [
  { value: 'admin', label: 'Admin', hint: 'Everything, including users, keys and settings' },
  { value: 'designer', label: 'Designer', hint: 'Builds flows, SLA policies and templates' },
  { value: 'agent', label: 'Agent', hint: 'Works issues' },
  { value: 'integrator', label: 'Integrator', hint: 'Connects plugins and systems' },
  { value: 'viewer', label: 'Viewer', hint: 'Reads the support record' },
];

export function roleLabel(role: string): string {
  return ROLE_OPTIONS.find((r) => r.value === role)?.label ?? role;
}
