import type { Team, TeamNotifications } from '../../api/types.ts';
import { useUpdateTeamNotifications } from '../../hooks/useUpdateTeamNotifications.ts';

const SWITCHES: Array<{ key: keyof TeamNotifications; label: string; hint: string }> = [
  { key: 'offers', label: 'Offers', hint: 'The offered agent hears about routing and handoff offers' },
  {
    key: 'slaAlerts',
    label: 'SLA alerts',
    hint: 'Warnings to the owner; breaches to the owner and the lead',
  },
  {
    key: 'customerUpdates',
    label: 'Customer updates',
    hint: 'The customer meets the new owner on a transfer and hears when it is resolved',
  },
  {
    key: 'followUp',
    label: '24-hour follow-up',
    hint: 'A day after resolution the customer is asked if all is well',
  },
];

/** The team's switches for the shipped "Default notifications" flow (texts are edited in the flow). */
export function TeamNotificationSwitches({ team }: { team: Team }) {
  const update = useUpdateTeamNotifications(team.id);
  const current = team.notifications ?? {};
  return (
    <fieldset className="team-notifications small" disabled={update.isPending}>
      <legend className="muted">Default notifications</legend>
      {SWITCHES.map(({ key, label, hint }) => (
        <label key={key} title={hint} className="team-notification-switch">
          <input
            type="checkbox"
            checked={current[key] !== false}
            onChange={(event) => update.mutate({ ...current, [key]: event.target.checked })}
          />{' '}
          {label}
        </label>
      ))}
      {update.isError && <p className="error small">Could not save: {update.error.message}</p>}
    </fieldset>
  );
}
