/**
 * CRM: the CRM POSTs a customer it created or changed, with account context, signed with Baton's
 * scheme:
 *
 *   { "eventId": "evt-1", "customer": { "externalId": "crm-42", "email": "…", "name": "…",
 *     "company": "…", "tier": "enterprise", "phone": "…" },
 *     "account": { "plan": "Scale", "renewal": "2026-09-30", "arr": 120000 },
 *     "issueId": "iss_… (optional)" }
 *
 * The customer is upserted (account context merged into its attributes); when an issue is named,
 * a crm_update event on its timeline records what the CRM said. The same eventId twice is a no-op.
 */
import { definePlugin, field, InvalidPayloadError, jsonBody, verifyBatonSignature } from '@baton/plugin-sdk';

const TIERS = new Set(['free', 'standard', 'premium', 'enterprise']);

export default definePlugin<{ toleranceSec: number; source: string }>({
  name: 'crm',
  capabilities: [
    {
      kind: 'ingest',
      routes: [
        {
          method: 'POST',
          path: '/customers',
          verify: verifyBatonSignature,
          handle(request, ctx) {
            const body = jsonBody(request);
            const c = field(body, 'customer', 'object', true);
            const externalId = field(c, 'externalId', 'string');
            const email = field(c, 'email', 'string');
            if (!externalId && !email)
              throw new InvalidPayloadError('customer.externalId or customer.email is required');
            const tier = field(c, 'tier', 'string');
            if (tier && !TIERS.has(tier))
              throw new InvalidPayloadError(`customer.tier must be one of ${[...TIERS].join(', ')}`);
            const account = field(body, 'account', 'object') ?? {};
            const attributes: Record<string, string | number | boolean | null> = {};
            for (const [key, value] of Object.entries(account).slice(0, 100)) {
              if (value === null || ['string', 'number', 'boolean'].includes(typeof value))
                attributes[key.slice(0, 100)] = value as string | number | boolean | null;
              else attributes[key.slice(0, 100)] = JSON.stringify(value).slice(0, 1000);
            }
            const customer = {
              ...(externalId ? { externalId: externalId.slice(0, 200) } : {}),
              ...(email ? { email: email.toLowerCase() } : {}),
            } as Record<string, unknown>;
            for (const key of ['name', 'phone', 'company', 'timeZone', 'language'] as const) {
              const value = field(c, key, 'string');
              if (value) customer[key] = value;
            }
            if (tier) customer.tier = tier;
            if (Object.keys(attributes).length) customer.attributes = attributes;
            const issueId = field(body, 'issueId', 'string');
            const eventId = field(body, 'eventId', 'string');
            return {
              events: [
                {
                  type: 'crm_update',
                  source: ctx.settings.source ?? 'crm',
                  ...(eventId ? { updateKey: `crm:${eventId}`.slice(0, 500) } : {}),
                  customer,
                  ...(issueId ? { issue: { id: issueId } } : {}),
                },
              ],
            };
          },
        },
      ],
    },
  ],
});
