import type { ReactNode } from 'react';

/** One label/value row of a `<dl className="kv">`. */
export function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="kv-row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
