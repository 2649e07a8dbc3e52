import { Link, Outlet } from 'react-router';
import { NotificationBell } from './NotificationBell.tsx';
import { SideNav } from './SideNav.tsx';
import { UserMenu } from './UserMenu.tsx';

/** The signed-in layout: sidebar (brand, sections, user) and the routed page. */
export function AppShell() {
  return (
    <div className="shell">
      <aside className="sidebar">
        <div className="sidebar-top">
          <Link to="/" className="brand" aria-label="Baton home">
            <img src="/favicon.svg" alt="" width={20} height={20} />
            <span>Baton</span>
          </Link>
          <NotificationBell />
        </div>
        <SideNav />
        <div className="sidebar-spacer" />
        <UserMenu />
      </aside>
      <main className="main" id="main">
        <Outlet />
      </main>
    </div>
  );
}
