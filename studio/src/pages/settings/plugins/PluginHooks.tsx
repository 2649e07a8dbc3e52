import type { PluginInfo } from '@baton/schemas/types';
import { humanize } from '../../../lib/format.ts';

/**
 * Where the provider must send its webhooks, and how Baton checks they are genuine. Slack signs
 * with its own scheme; every other plugin uses Baton's X-Baton-Signature (plugins/sdk).
 */
function signingInstructions(plugin: PluginInfo): string {
  const secret = plugin.secrets.find((s) => /sign/i.test(s.name));
  const secretName = secret ? `"${humanize(secret.name)}"` : 'the signing secret';
  if (plugin.name === 'slack') {
    return `In your Slack app, open Interactivity & Shortcuts, turn it on and paste this address as the Request URL. Slack signs every request with the app's Signing Secret (Basic Information → App Credentials): save it above as ${secretName}. Requests older than five minutes are refused.`;
  }
  return `Give the provider this address and the same secret you save above as ${secretName}. Each request must carry the header X-Baton-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>"> computed with that secret. Unsigned, wrongly signed or stale requests are refused and counted in the health below.`;
}

export function PluginHooks({ plugin }: { plugin: PluginInfo }) {
  return (
    <section className="detail-section" aria-labelledby="plugin-hooks-title">
      <h3 id="plugin-hooks-title" className="detail-section-title">
        Inbound webhooks
      </h3>
      <ul className="hook-list">
        {(plugin.hooks ?? []).map((hook) => (
          <li key={hook.url}>
            {hook.summary && <div className="small">{hook.summary}</div>}
            <div className="inline-row">
              <code className="hook-url">
                {hook.method} {hook.url}
              </code>
              <button
                type="button"
                className="button button-small"
                onClick={() => void navigator.clipboard?.writeText(hook.url)}
              >
                Copy
              </button>
            </div>
          </li>
        ))}
      </ul>
      <p className="field-hint">{signingInstructions(plugin)}</p>
    </section>
  );
}
