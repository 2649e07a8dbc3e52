import { PageHeader } from '../../../components/PageHeader.tsx';
import { ApiKeysSection } from './ApiKeysSection.tsx';
import { UsersSection } from './UsersSection.tsx';

/** Who signs in (users and their roles) and what integrations use (API keys). */
export function PeoplePage() {
  return (
    <div className="page page-full">
      <PageHeader title="Users & API keys" />
      <div className="page-body">
        <UsersSection />
        <ApiKeysSection />
      </div>
    </div>
  );
}
