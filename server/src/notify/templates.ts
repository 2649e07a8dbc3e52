/**
 * Notification templates: Liquid (liquidjs). Liquid was made for exactly this — templates written by
 * admins, not developers, rendered against data they do not control: no code execution, only
 * properties the data owns (`ownPropertyOnly`), no file includes (an empty in-memory template map),
 * limits on template size, render time and allocation, and escaping chosen per output. Helpdesks
 * (Zendesk, Shopify's notifications) use it for the same reason.
 *
 * Escaping per channel: the HTML part escapes every `{{ }}` (use `| raw` for trusted markup); Slack
 * text escapes `& < >` as Slack's mrkdwn requires; other text is left as written.
 */
import type { NotificationTemplate } from '@baton/schemas';
import { Liquid, type Template } from 'liquidjs';

export interface RenderedMessage {
  subject?: string;
  text: string;
  html?: string;
}

export class TemplateError extends Error {
  override readonly name = 'TemplateError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

const LIMITS = { parseLimit: 100_000, renderLimit: 1_000, memoryLimit: 10_000_000 };

function slackEscape(value: unknown): string {
  return String(value ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;');
}

function engine(outputEscape?: 'escape' | ((v: unknown) => string)): Liquid {
  return new Liquid({
    strictFilters: true,
    ownPropertyOnly: true,
    templates: {},
    timezoneOffset: 'UTC',
    ...(outputEscape ? { outputEscape } : {}),
    ...LIMITS,
  });
}

/** Channels whose `html` part is sent (others ignore it). */
const HTML_CHANNELS = new Set(['email', 'customer-status']);

export class TemplateRenderer {
  readonly #text = engine();
  readonly #slack = engine(slackEscape);
  readonly #html = engine('escape');
  readonly #parsed = new Map<string, Template[]>();

  /** Parse errors of every part, as `{ field, message }` (field: `text`, `channels/sms/text`, …). */
  check(template: NotificationTemplate): { field: string; message: string }[] {
    const problems: { field: string; message: string }[] = [];
    const parts: [string, string | undefined][] = [
      ['subject', template.subject],
      ['text', template.text],
      ['html', template.html],
    ];
    for (const [channel, t] of Object.entries(template.channels ?? {})) {
      if (!t) continue;
      parts.push(
        [`channels/${channel}/subject`, t.subject],
        [`channels/${channel}/text`, t.text],
        [`channels/${channel}/html`, t.html],
      );
    }
    for (const [field, source] of parts) {
      if (source === undefined) continue;
      try {
        this.#parse(this.#text, source);
      } catch (err) {
        problems.push({ field, message: (err as Error).message });
      }
    }
    return problems;
  }

  /** The template as it reads on one channel, rendered with `vars`. */
  async render(
    template: NotificationTemplate,
    channel: string,
    vars: Record<string, unknown>,
  ): Promise<RenderedMessage> {
    const override = template.channels?.[channel] ?? {};
    const subject = override.subject ?? template.subject;
    const text = override.text ?? template.text;
    const html = HTML_CHANNELS.has(channel) ? (override.html ?? template.html) : undefined;
    const textEngine = channel === 'slack' ? this.#slack : this.#text;
    const out: RenderedMessage = { text: (await this.#render(textEngine, 'text', text, vars)).trim() };
    if (!out.text) throw new TemplateError('text', 'the text renders empty');
    if (subject !== undefined) {
      const rendered = (await this.#render(this.#text, 'subject', subject, vars)).replace(/\s+/g, ' ').trim();
      if (rendered) out.subject = rendered.slice(0, 500);
    }
    if (html !== undefined) out.html = await this.#render(this.#html, 'html', html, vars);
    return out;
  }

  async #render(
    liquid: Liquid,
    field: string,
    source: string,
    vars: Record<string, unknown>,
  ): Promise<string> {
    try {
      return String(await liquid.render(this.#parse(liquid, source), vars));
    } catch (err) {
      throw new TemplateError(field, `${field}: ${(err as Error).message}`);
    }
  }

  #parse(liquid: Liquid, source: string): Template[] {
    const key = `${liquid === this.#html ? 'h' : liquid === this.#slack ? 's' : 't'}:${source}`;
    let parsed = this.#parsed.get(key);
    if (!parsed) {
      parsed = liquid.parse(source);
      if (this.#parsed.size >= 500) this.#parsed.delete(this.#parsed.keys().next().value!);
      this.#parsed.set(key, parsed);
    }
    return parsed;
  }
}
