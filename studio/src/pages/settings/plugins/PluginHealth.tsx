import type { PluginHealth as Health } from '@baton/schemas/types';
import { RelativeTime } from '../../../components/RelativeTime.tsx';

/** Counted on this server since it started. */
export function PluginHealth({ health }: { health: Health }) {
  return (
    <section className="detail-section" aria-labelledby="plugin-health-title">
      <h3 id="plugin-health-title" className="detail-section-title">
        Health <span className="muted small">since the server started</span>
      </h3>
      <dl className="stat-row">
        <div>
          <dt>Calls</dt>
          <dd>{health.calls}</dd>
        </div>
        <div>
          <dt>Failures</dt>
          <dd>{health.failures}</dd>
        </div>
        <div>
          <dt>Timeouts</dt>
          <dd>{health.timeouts}</dd>
        </div>
        <div>
          <dt>Refused webhooks</dt>
          <dd>{health.rejectedRequests}</dd>
        </div>
        <div>
          <dt>Last success</dt>
          <dd>{health.lastSuccessAt ? <RelativeTime iso={health.lastSuccessAt} /> : 'never'}</dd>
        </div>
      </dl>
      {health.lastError && (
        <p className="small">
          <strong>Last error</strong> (<RelativeTime iso={health.lastError.at} />
          ): {health.lastError.message}
        </p>
      )}
    </section>
  );
}
