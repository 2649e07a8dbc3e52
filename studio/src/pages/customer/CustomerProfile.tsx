import type { Customer } from '../../api/types.ts';
import { Detail } from '../../components/Detail.tsx';
import { LocalTime } from '../../components/LocalTime.tsx';
import { displayValue, humanize } from '../../lib/format.ts';

export function CustomerProfile({ customer }: { customer: Customer }) {
  const attributes = Object.entries(customer.attributes ?? {});
  return (
    <section className="panel" aria-label="Profile">
      <h2 className="panel-title">Profile</h2>
      <dl className="kv">
        {customer.email && (
          <Detail label="Email">
            <a href={`mailto:${customer.email}`}>{customer.email}</a>
          </Detail>
        )}
        {customer.phone && <Detail label="Phone">{customer.phone}</Detail>}
        {customer.company && <Detail label="Company">{customer.company}</Detail>}
        {customer.tier && (
          <Detail label="Tier">
            <span className={`tier tier-${customer.tier}`}>{customer.tier}</span>
          </Detail>
        )}
        {customer.timeZone && (
          <Detail label="Local time">
            <LocalTime timeZone={customer.timeZone} />
          </Detail>
        )}
        {customer.language && <Detail label="Language">{customer.language}</Detail>}
        {customer.externalId && (
          <Detail label="External id">
            <span className="mono">{customer.externalId}</span>
          </Detail>
        )}
        <Detail label="Id">
          <span className="mono">{customer.id}</span>
        </Detail>
      </dl>
      {attributes.length > 0 && (
        <>
          <h3 className="panel-subtitle">Account</h3>
          <dl className="kv">
            {attributes.map(([key, value]) => (
              <Detail key={key} label={humanize(key)}>
                {displayValue(value)}
              </Detail>
            ))}
          </dl>
        </>
      )}
    </section>
  );
}
