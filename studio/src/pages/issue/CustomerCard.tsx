import { Link } from 'react-router';
import { Detail } from '../../components/Detail.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { LocalTime } from '../../components/LocalTime.tsx';
import { useCustomer } from '../../hooks/useCustomer.ts';

/** A short profile of the customer with a link to their page and full timeline. */
export function CustomerCard({ customerId }: { customerId: string }) {
  const customer = useCustomer(customerId);
  const href = `/customers/${encodeURIComponent(customerId)}`;
  return (
    <section className="panel" aria-label="Customer">
      <h2 className="panel-title">Customer</h2>
      {customer.isError && <ErrorNotice error={customer.error} title="Could not load the customer" compact />}
      {customer.data && (
        <dl className="kv">
          <Detail label="Name">
            <Link to={href}>{customer.data.name}</Link>
          </Detail>
          {customer.data.email && <Detail label="Email">{customer.data.email}</Detail>}
          {customer.data.company && <Detail label="Company">{customer.data.company}</Detail>}
          {customer.data.tier && (
            <Detail label="Tier">
              <span className={`tier tier-${customer.data.tier}`}>{customer.data.tier}</span>
            </Detail>
          )}
          {customer.data.timeZone && (
            <Detail label="Local time">
              <LocalTime timeZone={customer.data.timeZone} />
            </Detail>
          )}
        </dl>
      )}
      <Link to={href} className="button button-small button-block">
        View customer timeline
      </Link>
    </section>
  );
}
