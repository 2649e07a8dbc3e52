/**
 * Public status pages: one per issue, at `/status/<token>`, where the token is 256 random bits
 * (base64url) — unguessable, so the link itself is the permission, like a shared document link.
 * The page shows only what the customer was told: the issue's subject, a customer-facing status,
 * and the updates sent to them. Never internal notes, agents or other customers.
 * Owns `status_pages` (one document per issue).
 */
import { randomBytes } from 'node:crypto';
import type { Issue, IssueStatus } from '@baton/schemas';
import { Liquid } from 'liquidjs';
import type { IssueService } from '../issues/issues.ts';
import type { Clock } from '../shared/clock.ts';
import type { Collection, Store, StoredDocument } from '../store/port.ts';

interface StatusPage extends StoredDocument {
  /** `_id` is the issue id. */
  token: string;
  createdAt: string;
  updates: { at: string; text: string }[];
}

export const STATUS_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const UPDATES_KEPT = 50;

const CUSTOMER_STATUS: Record<IssueStatus, string> = {
  new: 'Received',
  open: 'In progress',
  pending: 'Waiting for your reply',
  on_hold: 'In progress',
  resolved: 'Resolved',
  closed: 'Closed',
};

export interface PublicStatus {
  subject: string;
  status: string;
  openedAt: string;
  updatedAt: string;
  updates: { at: string; text: string }[];
}

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex,nofollow"><title>{{ status.subject }} — status</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1f2328}
.badge{display:inline-block;padding:.2rem .6rem;border-radius:1rem;background:#ddf4ff;font-weight:600}
ol{list-style:none;padding:0}li{border-left:3px solid #d0d7de;padding:.2rem 0 .6rem 1rem;margin:.4rem 0}
time{color:#59636e;font-size:.9em}</style></head>
<body><h1>{{ status.subject }}</h1>
<p><span class="badge">{{ status.status }}</span></p>
<p><time datetime="{{ status.openedAt }}">Opened {{ status.openedAt | date: "%d %b %Y, %H:%M UTC" }}</time> ·
<time datetime="{{ status.updatedAt }}">Updated {{ status.updatedAt | date: "%d %b %Y, %H:%M UTC" }}</time></p>
{% if status.updates.size > 0 %}<h2>Updates</h2><ol>{% for u in status.updates %}
<li><time datetime="{{ u.at }}">{{ u.at | date: "%d %b %Y, %H:%M UTC" }}</time><br>{{ u.text | escape | newline_to_br | raw }}</li>{% endfor %}</ol>
{% else %}<p>No updates yet. We will post them here.</p>{% endif %}
</body></html>`;

export class StatusPages {
  readonly #pages: Collection<StatusPage>;
  readonly #liquid = new Liquid({
    outputEscape: 'escape',
    ownPropertyOnly: true,
    templates: {},
    timezoneOffset: 'UTC',
  });
  readonly #template = this.#liquid.parse(PAGE);

  constructor(
    store: Store,
    private readonly deps: { issues: IssueService; clock: Clock },
  ) {
    this.#pages = store.collection('status_pages');
  }

  async init(): Promise<void> {
    await this.#pages.createIndex({ keys: { token: 1 }, unique: true, name: 'status_pages_token_unique' });
  }

  /** The page's token for an issue, made on first use. */
  async ensure(issueId: string): Promise<string> {
    const page = await this.#pages.findOneAndUpdate(
      { _id: issueId },
      {
        $setOnInsert: {
          token: randomBytes(32).toString('base64url'),
          createdAt: this.deps.clock.now().toISOString(),
          updates: [],
        },
      },
      { upsert: true },
    );
    if (!page) throw new Error('status page upsert returned nothing');
    return page.token;
  }

  async addUpdate(issueId: string, text: string, at: string): Promise<string> {
    const token = await this.ensure(issueId);
    await this.#pages.updateOne(
      { _id: issueId },
      { $push: { updates: { $each: [{ at, text }], $slice: -UPDATES_KEPT } } },
    );
    return token;
  }

  /** What the page shows, or null for an unknown token. */
  async read(token: string): Promise<PublicStatus | null> {
    if (!STATUS_TOKEN_PATTERN.test(token)) return null;
    const page = await this.#pages.findOne({ token });
    if (!page) return null;
    let issue: Issue;
    try {
      issue = await this.deps.issues.get(page._id);
    } catch {
      return null;
    }
    const last = page.updates.at(-1)?.at;
    return {
      subject: issue.subject,
      status: CUSTOMER_STATUS[issue.status],
      openedAt: issue.createdAt,
      updatedAt: last && last > issue.updatedAt ? last : issue.updatedAt,
      updates: [...page.updates].reverse(),
    };
  }

  async render(status: PublicStatus): Promise<string> {
    return String(await this.#liquid.render(this.#template, { status }));
  }
}
