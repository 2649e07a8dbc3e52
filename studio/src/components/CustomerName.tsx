import { Link } from 'react-router';
import { useCustomer } from '../hooks/useCustomer.ts';

/** A customer's name (fetched and cached by id), linking to their page. */
export function CustomerName({ id, link = true }: { id: string; link?: boolean }) {
  const { data } = useCustomer(id);
  // The name, never the id: a quiet placeholder while it loads.
  const label = data?.name ?? '…';
  if (!link) return <span className="customer-name">{label}</span>;
  return (
    <Link to={`/customers/${encodeURIComponent(id)}`} className="customer-name link-quiet">
      {label}
    </Link>
  );
}
