import type {
  NotificationPolicy,
  NotificationPolicyUpdate,
  NotificationUrgency,
  QuietHours,
  User,
} from '@baton/schemas/types';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { putNotificationPolicy } from '../../../api/settings/notificationPolicies.ts';
import { listPlugins } from '../../../api/settings/plugins.ts';
import { ErrorNotice } from '../../../components/ErrorNotice.tsx';
import { queryKeys } from '../../../lib/queryKeys.ts';
import { ChoiceChips } from '../common/ChoiceChips.tsx';
import { DayPicker, type Weekday } from '../common/DayPicker.tsx';
import { FieldErrors } from '../common/FieldErrors.tsx';
import { TimeZoneSelect } from '../common/TimeZoneSelect.tsx';

const URGENCIES: { value: NotificationUrgency; label: string }[] = [
  { value: 'low', label: 'Low' },
  { value: 'normal', label: 'Normal' },
  { value: 'high', label: 'High' },
  { value: 'critical', label: 'Critical' },
];

/** What to type as a person's address on each channel; in-app needs none. */
const CONTACT_HINTS: Record<string, string> = {
  slack: 'Slack member ID, e.g. U024BE7LH',
  email: 'Defaults to their sign-in email',
  sms: 'Phone number, e.g. +44 7700 900123',
  webhook: 'https://…',
};

function channelLabel(channel: string): string {
  if (channel === 'in-app') return 'In Baton';
  if (channel === 'sms') return 'SMS';
  return channel[0]!.toUpperCase() + channel.slice(1);
}

export function NotificationPolicyForm({ user, policy }: { user: User; policy: NotificationPolicy }) {
  const queryClient = useQueryClient();
  const plugins = useQuery({ queryKey: queryKeys.plugins, queryFn: ({ signal }) => listPlugins(signal) });
  const channels = [
    ...new Set([
      'in-app',
      ...(plugins.data ?? []).flatMap((p) =>
        p.capabilities.flatMap((c) =>
          c.kind === 'notifier' && c.channel !== 'customer-status' ? [c.channel] : [],
        ),
      ),
      ...Object.values(policy.channels).flat(),
    ]),
  ];
  const [byUrgency, setByUrgency] = useState(policy.channels);
  const [contacts, setContacts] = useState<Record<string, string>>(policy.contacts as Record<string, string>);
  const [timeZone, setTimeZone] = useState(policy.timeZone ?? '');
  const [quiet, setQuiet] = useState<QuietHours | null>(policy.quietHours ?? null);
  const save = useMutation({
    mutationFn: () => {
      const body: NotificationPolicyUpdate = {
        channels: byUrgency,
        contacts: Object.fromEntries(Object.entries(contacts).filter(([, v]) => v.trim())),
        ...(timeZone ? { timeZone } : {}),
        ...(quiet ? { quietHours: quiet } : {}),
        ...(policy.escalation ? { escalation: policy.escalation } : {}),
      };
      return putNotificationPolicy(user.id, body);
    },
    onSuccess: (saved) => queryClient.setQueryData(queryKeys.notificationPolicy(user.id), saved),
  });
  const used = new Set(Object.values(byUrgency).flat());

  return (
    <form
      className="detail-panel form"
      aria-label={`Notification policy of ${user.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <div className="detail-section" style={{ borderTop: 'none', paddingTop: 0 }}>
        <h3 className="detail-section-title">Channels by urgency</h3>
        {URGENCIES.map((u) => (
          <div key={u.value} className="inline-row">
            <span style={{ width: 80 }}>{u.label}</span>
            <ChoiceChips
              label={`Channels for ${u.label.toLowerCase()} urgency`}
              options={channels.map((c) => ({ value: c, label: channelLabel(c) }))}
              value={byUrgency[u.value]}
              onChange={(next) => setByUrgency({ ...byUrgency, [u.value]: next })}
            />
          </div>
        ))}
        <FieldErrors error={save.error} pointer="/body/channels" />
      </div>
      {[...used].filter((c) => c !== 'in-app').length > 0 && (
        <div className="detail-section">
          <h3 className="detail-section-title">Where to reach {user.name}</h3>
          <div className="form-grid">
            {[...used]
              .filter((c) => c !== 'in-app')
              .map((c) => (
                <label key={c} className="field">
                  <span className="field-label">{channelLabel(c)}</span>
                  <input
                    className="settings-input"
                    value={contacts[c] ?? ''}
                    placeholder={CONTACT_HINTS[c] ?? 'Address'}
                    onChange={(e) => setContacts({ ...contacts, [c]: e.target.value })}
                  />
                  <FieldErrors error={save.error} pointer={`/body/contacts/${c}`} />
                </label>
              ))}
          </div>
        </div>
      )}
      <div className="detail-section">
        <h3 className="detail-section-title">Quiet hours</h3>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={quiet !== null}
            onChange={(e) =>
              setQuiet(e.target.checked ? { start: '22:00', end: '07:00', breakThrough: ['critical'] } : null)
            }
          />{' '}
          Hold notifications during quiet hours (in-app ones still arrive, silently)
        </label>
        {quiet && (
          <>
            <div className="inline-row">
              <span>From</span>
              <input
                type="time"
                aria-label="Quiet from"
                value={quiet.start}
                onChange={(e) => setQuiet({ ...quiet, start: e.target.value })}
              />
              <span>to</span>
              <input
                type="time"
                aria-label="Quiet until"
                value={quiet.end}
                onChange={(e) => setQuiet({ ...quiet, end: e.target.value })}
              />
              <span className="muted">starting on</span>
              <DayPicker
                label="Quiet hours days"
                value={(quiet.days ?? ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']) as Weekday[]}
                onChange={(days) => setQuiet({ ...quiet, days })}
              />
            </div>
            <div className="inline-row">
              <span>Still deliver at once:</span>
              <ChoiceChips
                label="Urgencies that break through"
                options={URGENCIES}
                value={quiet.breakThrough ?? ['critical']}
                onChange={(breakThrough) => setQuiet({ ...quiet, breakThrough })}
              />
            </div>
            <div className="field" style={{ maxWidth: 320 }}>
              <span className="field-label">In the time zone</span>
              <TimeZoneSelect value={timeZone} onChange={setTimeZone} label="Quiet hours time zone" />
              <span className="field-hint">Empty: the time zone of the agent they work as.</span>
            </div>
            <FieldErrors error={save.error} pointer="/body/quietHours" />
          </>
        )}
      </div>
      {save.error && <ErrorNotice error={save.error} title="The policy was not saved" compact />}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          Save policy
        </button>
        {save.isSuccess && !save.isPending && <span className="saved-note">Saved</span>}
      </div>
    </form>
  );
}
