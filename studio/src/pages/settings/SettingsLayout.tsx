import { NavLink, Outlet } from 'react-router';
import { EmptyState } from '../../components/EmptyState.tsx';
import { Loading } from '../../components/Loading.tsx';
import { useMe } from '../../hooks/useMe.ts';

/** The settings pages, in the order an admin sets Baton up. */
const PAGES = [
  { to: 'plugins', label: 'Plugins' },
  { to: 'routing', label: 'Routing policies' },
  { to: 'sla', label: 'SLA policies' },
  { to: 'sla-calculator', label: 'SLA calculator' },
  { to: 'teams', label: 'Teams & agents' },
  { to: 'people', label: 'Users & API keys' },
  { to: 'notifications', label: 'Notification policies' },
  { to: 'templates', label: 'Template library' },
];

/** The Settings area: its own page list beside the page; admins only (the API says the same). */
export function SettingsLayout() {
  const me = useMe();
  if (me.isPending) return <Loading label="Checking your access…" />;
  if (!me.data?.roles.includes('admin')) {
    return (
      <div className="page page-narrow">
        <EmptyState title="Settings are for admins">
          Ask an admin of your organisation to change plugins, policies, people or templates.
        </EmptyState>
      </div>
    );
  }
  return (
    <div className="settings">
      <nav aria-label="Settings" className="settings-nav">
        <div className="settings-nav-inner">
          <h2 className="settings-nav-title">Settings</h2>
          <ul>
            {PAGES.map((page) => (
              <li key={page.to}>
                <NavLink to={page.to} className={({ isActive }) => (isActive ? 'navlink active' : 'navlink')}>
                  {page.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </div>
      </nav>
      <div className="settings-page">
        <Outlet />
      </div>
    </div>
  );
}
