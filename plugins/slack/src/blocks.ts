/** Block Kit for a notification: header, text, context, and Acknowledge / Open issue buttons. */
import type { OutboundMessage } from '@baton/plugin-sdk';

export const ACK_ACTION = 'baton_ack';

const URGENCY: Record<OutboundMessage['urgency'], string> = {
  low: ':white_circle: Low',
  normal: ':large_blue_circle: Normal',
  high: ':large_orange_circle: High',
  critical: ':red_circle: Critical',
};

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function notificationBlocks(message: OutboundMessage): unknown[] {
  const blocks: unknown[] = [];
  if (message.subject)
    blocks.push({
      type: 'header',
      text: { type: 'plain_text', text: cut(message.subject, 150), emoji: true },
    });
  blocks.push({ type: 'section', text: { type: 'mrkdwn', text: cut(message.text, 3000) } });
  const context = [URGENCY[message.urgency]];
  if (message.issue) {
    context.push(message.links.issue ? `<${message.links.issue}|${message.issue.id}>` : message.issue.id);
    context.push(`priority ${message.issue.priority}`);
  }
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: context.join('  ·  ') }] });
  const actions: unknown[] = [];
  if (message.ack) {
    actions.push({
      type: 'button',
      action_id: ACK_ACTION,
      style: 'primary',
      text: { type: 'plain_text', text: 'Acknowledge', emoji: true },
      value: message.id,
    });
  }
  if (message.links.issue) {
    actions.push({
      type: 'button',
      action_id: 'baton_open',
      text: { type: 'plain_text', text: 'Open issue' },
      url: message.links.issue,
    });
  }
  if (actions.length) blocks.push({ type: 'actions', block_id: 'baton_actions', elements: actions });
  return blocks;
}
