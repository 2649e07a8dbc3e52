import { Link } from 'react-router';
import { EmptyState } from '../components/EmptyState.tsx';

export function NotFoundPage() {
  return (
    <div className="page page-narrow">
      <EmptyState title="Page not found">
        <Link to="/inbox">Go to the inbox</Link>
      </EmptyState>
    </div>
  );
}
