import { EmptyState } from '../../components/EmptyState.tsx';

export function InboxEmpty({ filtered, onClear }: { filtered: boolean; onClear: () => void }) {
  if (!filtered) {
    return (
      <EmptyState title="No issues yet">
        Issues arrive through the ingest API, channel webhooks and CRM connectors.
      </EmptyState>
    );
  }
  return (
    <EmptyState title="No issues match these filters">
      <button type="button" className="button button-small" onClick={onClear}>
        Clear filters
      </button>
    </EmptyState>
  );
}
