import type { MessageTemplatePurpose } from '@baton/schemas/types';

export const PURPOSES: { value: MessageTemplatePurpose; label: string; hint: string }[] = [
  {
    value: 'introduction',
    label: 'Warm introduction',
    hint: 'Hands the issue and the customer over to the next owner',
  },
  {
    value: 'handoff-brief',
    label: 'Handoff brief',
    hint: 'The layout of the brief that travels with a handoff',
  },
  { value: 'customer-update', label: 'Customer update', hint: 'What the customer is told' },
  { value: 'war-room', label: 'War-room post', hint: 'A post to the war-room channel of a major incident' },
  { value: 'other', label: 'Other', hint: 'Anything else a flow sends' },
];

export function purposeLabel(purpose: string): string {
  return PURPOSES.find((p) => p.value === purpose)?.label ?? purpose;
}

/** The variables a template can use, as a person reads them. */
export const VARIABLES: { name: string; meaning: string }[] = [
  { name: 'issue.subject', meaning: "the issue's subject" },
  { name: 'issue.priority', meaning: 'its priority' },
  { name: 'issue.queue', meaning: 'its queue' },
  { name: 'customer.name', meaning: "the customer's name" },
  { name: 'customer.company', meaning: 'their company' },
  { name: 'assignee.name', meaning: 'who owns the issue now' },
  { name: 'links.issue', meaning: 'a link to the issue in Baton' },
];
