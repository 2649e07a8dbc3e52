import type { FlowRecord } from '@baton/schemas/types';
import { FlowRow } from './FlowRow.tsx';

export function FlowTable({ flows, canWrite }: { flows: FlowRecord[]; canWrite: boolean }) {
  return (
    <table className="table flow-table" aria-label="Flows">
      <thead>
        <tr>
          <th>Name</th>
          <th>State</th>
          <th>Versions</th>
          <th>Draft</th>
          <th>Last run</th>
          <th>Changed</th>
          <th>
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {flows.map((flow) => (
          <FlowRow key={flow.id} flow={flow} canWrite={canWrite} />
        ))}
      </tbody>
    </table>
  );
}
