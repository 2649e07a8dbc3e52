/**
 * Renders library templates with an issue's variables — the same names the notify node offers
 * (`issue`, `customer`, `assignee`, `links`, `now`) — for the studio's preview and for handoff
 * nodes that attach a warm introduction. With no issue at hand, a made-up example stands in so a
 * template can be previewed before any issue exists; the answer says so.
 */
import type { Issue, MessageTemplateRendered, NotificationTemplate } from '@baton/schemas';
import type { DirectoryService } from '../directory/service.ts';
import { InputError } from '../http/problem.ts';
import type { CustomerService } from '../issues/customers.ts';
import type { IssueService } from '../issues/issues.ts';
import { TemplateError } from '../notify/templates.ts';
import type { Clock } from '../shared/clock.ts';
import type { TemplateLibrary } from './library.ts';

export interface RenderingDeps {
  library: TemplateLibrary;
  issues: IssueService;
  customers: CustomerService;
  directory: DirectoryService;
  clock: Clock;
  /** Where people reach Baton, for `links.issue`. */
  publicUrl: () => string;
}

const EXAMPLE = {
  issue: {
    id: 'example',
    subject: 'Refund not received after 10 days',
    status: 'open',
    priority: 'high',
    channel: 'email',
    queue: 'billing',
    tags: ['refund'],
  },
  customer: { name: 'Dana Whitfield', email: 'dana@example.com', company: 'Northwind', tier: 'premium' },
  assignee: { name: 'Sam Okafor', email: 'sam@example.com', timeZone: 'Europe/London' },
};

export class TemplateRendering {
  constructor(private readonly deps: RenderingDeps) {}

  /** A body as `channel` would show it, with a stored issue's variables or the example's. */
  async preview(
    body: NotificationTemplate,
    channel: string,
    issueId?: string,
  ): Promise<MessageTemplateRendered> {
    const issue = issueId ? await this.deps.issues.get(issueId) : undefined;
    const vars = issue ? await this.#varsFor(issue) : this.#exampleVars();
    try {
      const out = await this.deps.library.renderer.render(body, channel, vars);
      return {
        channel,
        ...out,
        example: !issue,
        ...(issue ? { issueSubject: issue.subject } : {}),
      };
    } catch (err) {
      if (!(err instanceof TemplateError)) throw err;
      throw new InputError('validation', err.message, [
        { pointer: `/body/${err.field}`, detail: err.message },
      ]);
    }
  }

  /**
   * The current version of the named template, rendered as plain text for `issue`; null when no
   * template has that name (the caller decides what a missing template means).
   */
  async textFor(name: string, issue: Issue): Promise<string | null> {
    const template = await this.deps.library.byName(name);
    if (!template) return null;
    return (await this.deps.library.renderer.render(template.body, 'text', await this.#varsFor(issue))).text;
  }

  async #varsFor(issue: Issue): Promise<Record<string, unknown>> {
    const customer = await this.deps.customers.find(issue.customerId);
    const agentId = issue.assignee?.agentId;
    const assignee = agentId ? await this.deps.directory.findAgent(agentId) : null;
    return {
      issue,
      customer: customer
        ? {
            name: customer.name,
            ...(customer.email ? { email: customer.email } : {}),
            ...(customer.company ? { company: customer.company } : {}),
            ...(customer.tier ? { tier: customer.tier } : {}),
          }
        : null,
      assignee: assignee ? { name: assignee.name, email: assignee.email, timeZone: assignee.timeZone } : null,
      links: { issue: `${this.deps.publicUrl()}/issues/${issue.id}` },
      now: this.deps.clock.now().toISOString(),
    };
  }

  #exampleVars(): Record<string, unknown> {
    return {
      ...EXAMPLE,
      links: { issue: `${this.deps.publicUrl()}/issues/example` },
      now: this.deps.clock.now().toISOString(),
    };
  }
}
